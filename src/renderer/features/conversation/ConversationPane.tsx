import { useInbox, useConversation, useSession } from '../../app/stores-context';
import { HandoffCard } from '../handoff-card/HandoffCard';
import { selectUser } from '../session/session-selectors';
import { selectOpenConversation } from './conversation-selectors';
import { ConversationView } from './ConversationView';
import type { CachedConversation } from '../../../shared/ipc';
import type { User } from '../../../shared/conversation';

const LIVE_STATES = new Set(['assigned', 'transferred']);

/** An offer to this user: routed to them, or a warm transfer addressed to them and not yet accepted. */
const isOfferTo = (conversation: CachedConversation, user: User | null): boolean =>
  conversation.state === 'offered' || (conversation.state === 'transferred' && Boolean(conversation.offer) && conversation.offer?.agentId === user?.id);

const isMine = (conversation: CachedConversation, user: User | null): boolean =>
  Boolean(user) && conversation.owner.kind === 'agent' && conversation.owner.id === user?.id;

/** The main pane: the offer card, the conversation, or a calm empty state. */
export function ConversationPane({ isReadOnly, emptyState }: { isReadOnly: boolean; emptyState: React.ReactNode }) {
  const selectedId = useInbox((state) => state.selectedId);
  const conversation = useConversation(selectOpenConversation);
  const isLoading = useConversation((state) => state.isLoading);
  const error = useConversation((state) => state.error);
  const user = useSession(selectUser);

  if (!selectedId) return <>{emptyState}</>;
  if (!conversation || conversation.id !== selectedId) {
    return (
      <div className="pane-message" data-testid="conversation-loading">
        {isLoading || !error ? <p>Opening the conversation…</p> : <p role="alert">{error}</p>}
      </div>
    );
  }
  if (isOfferTo(conversation, user)) return <HandoffCard conversation={conversation} isReadOnly={isReadOnly} />;
  const canReply = !isReadOnly && LIVE_STATES.has(conversation.state) && isMine(conversation, user);
  return <ConversationView conversation={conversation} canReply={canReply} />;
}
