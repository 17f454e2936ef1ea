import { useId } from 'react';
import type { TransferNote } from '../../../shared/conversation';
import { formatClock } from '../../format/time';

/**
 * Who handed the customer over, where to, and what they want the next agent to know, in their
 * words: on the offer's card and beside the accepted conversation, whichever way it was routed.
 */
export function TransferNoteFacts({ transfer }: { transfer: TransferNote }) {
  const titleId = useId();
  const target = transfer.to.kind === 'queue' ? `the ${transfer.to.name} queue` : transfer.to.name;
  return (
    <section className="transfer-note" aria-labelledby={titleId} data-testid="handoff-transfer-note">
      <h3 id={titleId} className="facts__title" data-testid="handoff-transfer-from">
        Transferred by <bdi>{transfer.from.name}</bdi> to <bdi>{target}</bdi>
        <span className="transfer-note__at"> · {formatClock(transfer.at)}</span>
      </h3>
      <p className="transfer-note__text" dir="auto" data-testid="handoff-transfer-text">
        {transfer.note}
      </p>
    </section>
  );
}
