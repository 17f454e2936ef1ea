import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Flag } from '../../../shared/conversation';
import { useStores } from '../../app/stores-context';
import { useNow } from '../../components/use-now';
import { formatClock } from '../../format/time';
import { StepInActions } from './StepInActions';
import { useSupervisor } from './use-supervisor';

const TYPING_SHOWN_MS = 5000;

/** The watched conversation: live transcript, the agent typing, flags to answer, and the step-ins. */
export function MonitorPanel() {
  const monitored = useSupervisor((state) => state.monitored);
  const typingAt = useSupervisor((state) => state.typingAt);
  const error = useSupervisor((state) => state.error);
  const now = useNow();
  const { supervisor } = useStores();
  const transcriptRef = useRef<HTMLOListElement>(null);
  const turnCount = monitored ? monitored.envelope.transcript.length + monitored.messages.length : 0;
  // Live turns arrive at the bottom: keep the newest in view, as a chat window does.
  useEffect(() => {
    const list = transcriptRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [turnCount, monitored?.id]);

  if (!monitored) {
    return (
      <section className="console__panel console__panel--monitor" aria-labelledby="monitor-title" data-testid="monitor-panel">
        <h2 id="monitor-title" className="console__title">Monitor</h2>
        <p className="console__empty">Choose Monitor on a conversation to watch it silently. Nobody in the chat is told.</p>
      </section>
    );
  }

  const isTyping = typingAt !== null && now - Date.parse(typingAt) < TYPING_SHOWN_MS;
  const openFlags = (monitored.flags ?? []).filter((flag) => flag.answer === null);
  const turns = [
    ...monitored.envelope.transcript.map((turn) => ({ id: turn.id, at: turn.at, author: turn.author, name: turn.author, text: turn.text, isWhisper: false })),
    ...monitored.messages.map((message) => ({
      id: message.id,
      at: message.at,
      author: message.author,
      name: message.authorName ?? message.author,
      text: message.text,
      isWhisper: message.visibility === 'staff',
    })),
  ];

  return (
    <section className="console__panel console__panel--monitor" aria-labelledby="monitor-title" data-testid="monitor-panel" data-conversation-id={monitored.id}>
      <header className="monitor__header">
        <h2 id="monitor-title" className="console__title">
          Monitoring {monitored.envelope.customer.name}
        </h2>
        <span className="monitor__owner" data-testid="monitor-owner">
          {monitored.owner.kind === 'supervisor' ? `${monitored.owner.name} (supervisor)` : monitored.owner.name} · {monitored.state}
        </span>
        <button type="button" className="button button--quiet" data-testid="stop-monitoring" aria-keyshortcuts="Escape" onClick={() => supervisor.getState().stopMonitoring()}>
          Stop monitoring
        </button>
      </header>
      <ol ref={transcriptRef} className="monitor__transcript" aria-label="Live transcript" data-testid="monitor-transcript" tabIndex={0}>
        {turns.map((turn) => (
          <li key={turn.id} className={`monitor__turn monitor__turn--${turn.author}${turn.isWhisper ? ' monitor__turn--whisper' : ''}`} data-testid="monitor-turn" data-author={turn.author} data-whisper={turn.isWhisper ? 'true' : undefined}>
            <span className="monitor__meta">
              {turn.name} · {formatClock(turn.at, now)}
              {turn.isWhisper ? (turn.author === 'supervisor' ? ' · whisper, the customer cannot see it' : ' · staff only') : ''}
            </span>
            <span className="monitor__text">{turn.text}</span>
          </li>
        ))}
      </ol>
      <p className="monitor__typing" aria-live="polite" data-testid="agent-typing">
        {isTyping ? 'Agent is typing…' : ''}
      </p>
      {openFlags.map((flag) => (
        <FlagAnswer key={flag.id} flag={flag} />
      ))}
      {error ? (
        <p className="console__error" role="alert" data-testid="step-in-error">
          {error}
        </p>
      ) : null}
      <StepInActions />
    </section>
  );
}

/** An agent's raised flag: acknowledge it, or answer with a whisper or by barging in. */
function FlagAnswer({ flag }: { flag: Flag }) {
  const { supervisor } = useStores();
  const [reply, setReply] = useState('');
  const onWhisper = async (event: FormEvent) => {
    event.preventDefault();
    if (reply.trim() && (await supervisor.getState().whisper(reply.trim(), flag.id))) setReply('');
  };
  return (
    <form className="flag-answer" aria-label={`Flag from ${flag.raisedBy.name}`} data-testid="flag-answer" data-flag-id={flag.id} onSubmit={(event) => void onWhisper(event)}>
      <p className="flag-answer__message">
        <strong>{flag.raisedBy.name} needs help:</strong> {flag.message}
      </p>
      <label className="visually-hidden" htmlFor={`flag-reply-${flag.id}`}>
        Whisper an answer
      </label>
      <input id={`flag-reply-${flag.id}`} className="input" value={reply} placeholder="Whisper an answer" onChange={(event) => setReply(event.target.value)} />
      <button type="submit" className="button" data-testid="flag-whisper">Whisper</button>
      <button type="button" className="button" data-testid="flag-acknowledge" aria-keyshortcuts="Alt+A" onClick={() => void supervisor.getState().acknowledgeFlag(flag.id)}>
        Acknowledge
      </button>
      <button type="button" className="button" data-testid="flag-barge" onClick={() => void supervisor.getState().barge(flag.id)}>
        Barge in<span className="visually-hidden"> to answer {flag.raisedBy.name}</span>
      </button>
    </form>
  );
}
