import { useState, type FormEvent } from 'react';
import type { User } from '../../../shared/conversation';
import type { CachedConversation } from '../../../shared/ipc';
import { useSession, useStores } from '../../app/stores-context';
import { selectUser } from '../session/session-selectors';
import { useSupervisor } from './use-supervisor';

/** Whether the supervisor is in the chat the customer sees: barged in, or owning it after a take-over. */
export const isInChat = (conversation: CachedConversation, user: User | null): boolean =>
  user !== null && (conversation.owner.id === user.id || (conversation.participants ?? []).some((participant) => participant.id === user.id));

/** The supervisor's reply box, shown only once they joined the chat: until then the customer must not hear them. */
export function SupervisorReply() {
  const { supervisor } = useStores();
  const monitored = useSupervisor((state) => state.monitored);
  const isBusy = useSupervisor((state) => state.isBusy);
  const user = useSession(selectUser);
  const [text, setText] = useState('');
  if (!monitored || !isInChat(monitored, user)) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && (await supervisor.getState().say(text.trim()))) setText('');
  };

  return (
    <form className="step-in__row" aria-label="Write to the customer" data-testid="supervisor-reply" onSubmit={(event) => void onSubmit(event)}>
      <label htmlFor="supervisor-reply-input">Write to {monitored.envelope.customer.name} (they see you as a supervisor)</label>
      <input
        id="supervisor-reply-input"
        className="input"
        data-testid="supervisor-reply-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button" data-testid="supervisor-reply-send" disabled={isBusy || !text.trim()}>
        Send
      </button>
    </form>
  );
}
