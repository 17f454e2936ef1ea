import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CachedConversation } from '../../../shared/ipc';
import { useConversation, useStores } from '../../app/stores-context';
import { useNow } from '../../components/use-now';
import { channelLabel, languageLabel } from '../../format/labels';
import { formatDuration, waitedMs } from '../../format/time';
import { focusComposer } from '../conversation/focus';
import { ACCEPT_BUTTON_ID } from './focus-offer';
import { DeclineForm } from './DeclineForm';
import { HandoffTranscript } from './HandoffTranscript';
import { CollectedFacts, ReasonFacts, SentimentFacts, SummaryFacts } from './HandoffFacts';
import { TransferNoteFacts } from './TransferNoteFacts';
import { EarlierConversations } from './EarlierConversations';
import './handoff-card.css';
import type { TranscriptReveal } from '../conversation/Transcript';

interface Props {
  conversation: CachedConversation;
  isReadOnly: boolean;
}

const isTyping = (target: EventTarget): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

function Waited({ since, expiresAt }: { since: string; expiresAt: string | null }) {
  const now = useNow();
  const expiresIn = expiresAt ? Date.parse(expiresAt) - now : null;
  return (
    <div className="card__wait">
      <span className="card__wait-label">Waiting</span>
      <span className="card__wait-value" data-testid="handoff-waited">
        {formatDuration(waitedMs(since, now))}
      </span>
      {expiresIn !== null && !Number.isNaN(expiresIn) ? (
        <span className="card__expiry">{expiresIn > 0 ? `Offer ends in ${formatDuration(expiresIn)}` : 'Offer ending…'}</span>
      ) : null}
    </div>
  );
}

/** The offer, before accepting: everything the bot learned, and the two decisions. */
export function HandoffCard({ conversation, isReadOnly }: Props) {
  const { conversation: store, inbox } = useStores();
  const isAccepting = useConversation((state) => state.isAccepting);
  const error = useConversation((state) => state.error);
  const [isDeclining, setIsDeclining] = useState(false);
  const [reveal, setReveal] = useState<TranscriptReveal | null>(null);
  const cardRef = useRef<HTMLElement>(null);
  const { envelope } = conversation;

  // Opening an offer puts focus on the card, so A and D work at once and a screen reader reads it.
  useEffect(() => {
    setIsDeclining(false);
    setReveal(null);
    cardRef.current?.focus();
  }, [conversation.id]);

  const accept = async (): Promise<void> => {
    if (await store.getState().accept(conversation.id)) focusComposer();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (isReadOnly || isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    const key = event.key.toLowerCase();
    if (key === 'a') {
      event.preventDefault();
      void accept();
    } else if (key === 'd') {
      event.preventDefault();
      setIsDeclining(true);
    }
  };

  const details: Array<[string, string]> = [
    ['Channel', channelLabel(envelope.routing?.channel)],
    ['Language', languageLabel(envelope.routing?.language ?? envelope.customer.language)],
    ['Queue', conversation.queue || envelope.routing?.queue || 'Unknown'],
  ];

  return (
    <article
      ref={cardRef}
      className="card"
      tabIndex={-1}
      aria-labelledby="card-customer"
      aria-describedby={isReadOnly ? undefined : 'card-shortcuts'}
      onKeyDown={onKeyDown}
      data-testid="handoff-card"
      data-conversation-id={conversation.id}
    >
      <header className="card__header">
        <div className="card__who">
          <p className="card__eyebrow">
            {conversation.transfer ? `Warm transfer from ${conversation.transfer.from.name}` : 'Handoff offered to you'}
          </p>
          <h2 id="card-customer" className="card__customer" data-testid="handoff-customer">
            <bdi>{envelope.customer.name}</bdi>
          </h2>
          <p className="card__issue" dir="auto" data-testid="handoff-issue">
            {envelope.issue?.title || 'No issue given'}
          </p>
        </div>
        <Waited since={conversation.createdAt} expiresAt={conversation.offer?.expiresAt ?? null} />
      </header>

      <dl className="card__details">
        {details.map(([label, value]) => (
          <div key={label} className="card__detail">
            <dt>{label}</dt>
            <dd>
              <bdi>{value}</bdi>
            </dd>
          </div>
        ))}
      </dl>

      {conversation.transfer ? <TransferNoteFacts transfer={conversation.transfer} /> : null}

      <div className="card__grid">
        <ReasonFacts envelope={envelope} onShowTurn={(turnId) => setReveal({ turnId, nonce: Date.now() })} />
        <SummaryFacts envelope={envelope} />
        <SentimentFacts envelope={envelope} />
        <CollectedFacts envelope={envelope} />
        <EarlierConversations conversationId={conversation.id} />
      </div>

      <HandoffTranscript conversation={conversation} reveal={reveal} />

      {error ? (
        <p className="form-error" role="alert" data-testid="handoff-error">
          {error}
        </p>
      ) : null}

      {isReadOnly ? null : isDeclining ? (
        <DeclineForm
          conversationId={conversation.id}
          onCancel={() => {
            setIsDeclining(false);
            cardRef.current?.focus();
          }}
          onDeclined={() => inbox.getState().close()}
        />
      ) : (
        <footer className="card__actions">
          <button
            type="button"
            id={ACCEPT_BUTTON_ID}
            className="button button--primary button--large"
            onClick={() => void accept()}
            disabled={isAccepting}
            aria-keyshortcuts="A"
            data-testid="accept-button"
          >
            {isAccepting ? 'Accepting…' : 'Accept'}
            <kbd className="button__kbd" aria-hidden="true">A</kbd>
          </button>
          <button
            type="button"
            className="button button--secondary button--large"
            onClick={() => setIsDeclining(true)}
            disabled={isAccepting}
            aria-keyshortcuts="D"
            data-testid="decline-button"
          >
            Decline
            <kbd className="button__kbd" aria-hidden="true">D</kbd>
          </button>
          <p id="card-shortcuts" className="card__hint">
            With the card focused, press <kbd>A</kbd> to accept or <kbd>D</kbd> to decline.
          </p>
        </footer>
      )}
    </article>
  );
}
