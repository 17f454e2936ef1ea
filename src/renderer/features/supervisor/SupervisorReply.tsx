import { useState, type FormEvent } from 'react';
import type { User } from '../../../shared/conversation';
import type { CachedConversation } from '../../../shared/ipc';
import { useFiles, useSession, useStores } from '../../app/stores-context';
import { ComposerFiles } from '../conversation/ComposerFiles';
import { selectOutgoing, selectUploading } from '../conversation/files-store';
import { selectUser } from '../session/session-selectors';
import { useSupervisor } from './use-supervisor';

/** Whether the supervisor is in the chat the customer sees: barged in, or owning it after a take-over. */
export const isInChat = (conversation: CachedConversation, user: User | null): boolean =>
  user !== null && (conversation.owner.id === user.id || (conversation.participants ?? []).some((participant) => participant.id === user.id));

/**
 * The supervisor's reply box, shown only once they joined the chat: until then the customer must not
 * hear them. Files go the agents' way: uploaded first, sent with the message as signed links.
 */
export function SupervisorReply() {
  const monitored = useSupervisor((state) => state.monitored);
  if (!monitored) return null;
  return <ReplyBox conversation={monitored} />;
}

function ReplyBox({ conversation }: { conversation: CachedConversation }) {
  const { supervisor, files } = useStores();
  const isBusy = useSupervisor((state) => state.isBusy);
  const user = useSession(selectUser);
  const outgoing = useFiles(selectOutgoing(conversation.id));
  const uploading = useFiles(selectUploading(conversation.id));
  const [text, setText] = useState('');
  if (!isInChat(conversation, user)) return null;
  const canSend = (text.trim() !== '' || outgoing.length > 0) && uploading.length === 0;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSend || !(await supervisor.getState().say(text.trim(), outgoing))) return;
    setText('');
    files.getState().sent(conversation.id);
  };

  return (
    <form className="step-in__row" aria-label="Write to the customer" data-testid="supervisor-reply" onSubmit={(event) => void onSubmit(event)}>
      <label htmlFor="supervisor-reply-input">Write to {conversation.envelope.customer.name} (they see you as a supervisor)</label>
      <input
        id="supervisor-reply-input"
        className="input"
        data-testid="supervisor-reply-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button" data-testid="supervisor-reply-send" disabled={isBusy || !canSend}>
        Send
      </button>
      <ComposerFiles conversationId={conversation.id} />
    </form>
  );
}
