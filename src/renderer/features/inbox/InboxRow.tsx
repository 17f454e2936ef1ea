import type { ConversationListItem } from '../../../shared/ipc';
import { ReasonChip } from '../../components/ReasonChip';
import { useNow } from '../../components/use-now';
import { channelLabel } from '../../format/labels';
import { formatClock, formatDuration, waitedMs } from '../../format/time';
import { useSession } from '../../app/stores-context';
import { selectUser } from '../session/session-selectors';
import { sectionOf } from './inbox-selectors';

interface Props {
  item: ConversationListItem;
  isSelected: boolean;
  onOpen(id: string): void;
}

function Elapsed({ item }: { item: ConversationListItem }) {
  const now = useNow();
  const section = sectionOf(item, useSession(selectUser)?.id ?? null);
  if (section !== 'offers' && section !== 'active') {
    return <span className="inbox-row__time">{formatClock(item.updatedAt, now)}</span>;
  }
  const label = section === 'offers' ? 'Waiting' : 'Open';
  return (
    <span className="inbox-row__time inbox-row__time--ticking" data-testid="inbox-row-wait">
      {label} {formatDuration(waitedMs(item.createdAt, now))}
    </span>
  );
}

/** On a chat handed to this agent: who handed it over and their note, before it is even opened. */
function TransferLine({ item }: { item: ConversationListItem }) {
  const section = sectionOf(item, useSession(selectUser)?.id ?? null);
  if ((section !== 'offers' && section !== 'active') || !item.transferNote) return null;
  return (
    <span className="inbox-row__transfer" data-testid="inbox-row-transfer">
      <span className="inbox-row__transfer-from">Transfer from {item.transferFrom ?? 'a colleague'}: </span>
      <bdi dir="auto">{item.transferNote}</bdi>
    </span>
  );
}

export function InboxRow({ item, isSelected, onOpen }: Props) {
  const isOffer = item.state === 'offered';
  return (
    <li className="inbox__item">
      <button
        type="button"
        className={`inbox-row${isSelected ? ' inbox-row--selected' : ''}${isOffer ? ' inbox-row--offer' : ''}`}
        aria-current={isSelected ? 'true' : undefined}
        onClick={() => onOpen(item.id)}
        data-testid="inbox-row"
        data-conversation-id={item.id}
        data-state={item.state}
      >
        <span className="inbox-row__top">
          <bdi className="inbox-row__name" data-testid="inbox-row-name">
            {item.customerName}
          </bdi>
          <Elapsed item={item} />
        </span>
        <bdi className="inbox-row__issue" data-testid="inbox-row-issue">
          {item.issueTitle || 'No issue given'}
        </bdi>
        <TransferLine item={item} />
        <span className="inbox-row__meta">
          <ReasonChip kind={item.reasonKind} />
          <span className="inbox-row__channel">{channelLabel(item.channel)}</span>
          {item.unread > 0 ? (
            <span className="badge" data-testid="inbox-row-unread">
              {item.unread > 99 ? '99+' : item.unread} new
              <span className="visually-hidden">{item.unread === 1 ? ' message' : ' messages'}</span>
            </span>
          ) : null}
        </span>
      </button>
    </li>
  );
}
