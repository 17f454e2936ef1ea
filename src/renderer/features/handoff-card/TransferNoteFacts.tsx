import type { TransferNote } from '../../../shared/conversation';
import { formatClock } from '../../format/time';

/** What the colleague who handed the customer over wants the next agent to know, in their words. */
export function TransferNoteFacts({ transfer }: { transfer: TransferNote }) {
  return (
    <section className="transfer-note" aria-labelledby="card-transfer-title" data-testid="handoff-transfer-note">
      <h3 id="card-transfer-title" className="facts__title">
        Note from <bdi>{transfer.from.name}</bdi>
        <span className="transfer-note__at"> · {formatClock(transfer.at)}</span>
      </h3>
      <p className="transfer-note__text" dir="auto" data-testid="handoff-transfer-text">
        {transfer.note}
      </p>
    </section>
  );
}
