import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import type { EarlierConversation } from '../../../shared/earlier-conversations';
import { DISPOSITION_LABELS, platformLabel, STATE_LABELS } from '../../../shared/labels';
import { useStores } from '../../app/stores-context';
import './earlier-conversations.css';

const MATCH_LABELS: Record<EarlierConversation['matchedBy'], string> = {
  'customer-id': 'same customer id',
  email: 'same email',
  phone: 'same phone',
};

const day = (iso: string): string => new Date(iso).toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** How it ended, in the words the resolve dialog and History use; an open one says where it stands. */
const outcomeOf = (conversation: EarlierConversation): string =>
  conversation.disposition ? DISPOSITION_LABELS[conversation.disposition] : STATE_LABELS[conversation.state];

/**
 * "Earlier conversations": this customer's previous conversations (same customer id, email or
 * phone, from any bot), each with its outcome and one click to its transcript. On the offer card
 * and beside an accepted conversation; from this computer's cache while the hub is out of reach.
 */
export function EarlierConversations({ conversationId }: { conversationId: string }) {
  const { earlier, inbox } = useStores();
  const lookup = useStore(earlier, (state) => state.byConversation[conversationId]);
  const openError = useStore(earlier, (state) => state.openError);
  const titleId = useId();

  useEffect(() => {
    void earlier.getState().load(conversationId);
  }, [earlier, conversationId]);

  const open = async (earlierId: string): Promise<void> => {
    if (await earlier.getState().openEarlier(conversationId, earlierId)) inbox.getState().open(earlierId);
  };

  const conversations = lookup?.conversations ?? [];
  return (
    <section className="facts earlier" aria-labelledby={titleId} data-testid="earlier-conversations">
      <h3 id={titleId} className="facts__title">
        Earlier conversations
        {conversations.length > 0 ? <span className="earlier__count">{conversations.length}</span> : null}
      </h3>
      {!lookup || lookup.status === 'loading' ? <p className="facts__text earlier__note">Looking for earlier conversations…</p> : null}
      {lookup?.status === 'failed' ? (
        <p className="form-error" role="alert">
          {lookup.error}
        </p>
      ) : null}
      {lookup?.status === 'ready' && conversations.length === 0 ? (
        <p className="facts__text earlier__note" data-testid="earlier-none">
          First conversation with this customer{lookup.source === 'cache' ? ' on this computer' : ''}.
        </p>
      ) : null}
      {lookup?.source === 'cache' && lookup.status === 'ready' ? (
        <p className="earlier__note" data-testid="earlier-offline">
          Offline: from what this computer has seen.
        </p>
      ) : null}
      {conversations.length > 0 ? (
        <ol className="earlier__list">
          {conversations.map((conversation) => (
            <li key={conversation.id} className="earlier__item" data-testid="earlier-conversation" data-conversation-id={conversation.id}>
              <button type="button" className="earlier__open" onClick={() => void open(conversation.id)} data-testid="earlier-open">
                <span className="earlier__when">{day(conversation.createdAt)}</span>
                <span className="earlier__issue" dir="auto">
                  {conversation.issueTitle || 'No issue given'}
                </span>
                <span className="earlier__meta">
                  <span className={`earlier__outcome earlier__outcome--${conversation.disposition ?? conversation.state}`} data-testid="earlier-outcome">
                    {outcomeOf(conversation)}
                  </span>
                  {conversation.rating != null ? <span>rated {conversation.rating}/5</span> : null}
                  <span>{platformLabel(conversation.platform)}</span>
                  {conversation.handledBy ? <span>{conversation.handledBy}</span> : null}
                  <span className="earlier__match">{MATCH_LABELS[conversation.matchedBy]}</span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      {openError ? (
        <p className="form-error" role="alert" data-testid="earlier-open-error">
          {openError}
        </p>
      ) : null}
    </section>
  );
}
