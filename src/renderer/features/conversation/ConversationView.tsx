import { useEffect, useState } from 'react';
import type { CachedConversation } from '../../../shared/ipc';
import { useActions, useConversation, useHistory } from '../../app/stores-context';
import { ReasonChip } from '../../components/ReasonChip';
import { STATE_LABELS, channelLabel } from '../../format/labels';
import { CollectedFacts, ReasonFacts, SentimentFacts, SummaryFacts } from '../handoff-card/HandoffFacts';
import { TransferNoteFacts } from '../handoff-card/TransferNoteFacts';
import { EarlierConversations } from '../handoff-card/EarlierConversations';
import { ExportButton } from '../history/ExportButton';
import { selectTargetIn } from '../history/history-selectors';
import { buildTimeline } from './conversation-selectors';
import { Composer } from './Composer';
import { ConversationActions } from './ConversationActions';
import { Transcript, type TranscriptReveal } from './Transcript';
import './conversation.css';

interface Props {
  conversation: CachedConversation;
  /** True when the signed-in user owns it and it is live: only then can they write. */
  canReply: boolean;
}

export function ConversationView({ conversation, canReply }: Props) {
  const error = useConversation((state) => state.error);
  const done = useActions((state) => (state.done?.conversationId === conversation.id ? state.done.text : null));
  const { envelope } = conversation;
  const entries = buildTimeline(conversation);
  const searchReveal = useHistory(selectTargetIn(conversation.id));
  const [failureReveal, setFailureReveal] = useState<(TranscriptReveal & { conversationId: string }) | null>(null);
  // The latest request wins: a search hit opened after a failure jump replaces it. Jumps use the
  // clock as nonce, so they never repeat the small counter search hits use.
  useEffect(() => setFailureReveal(null), [searchReveal]);
  const reveal = (failureReveal?.conversationId === conversation.id ? failureReveal : null) ?? searchReveal;
  const failureTurnIds = (envelope.reason?.evidenceTurnIds ?? []).filter((id) => envelope.transcript.some((turn) => turn.id === id));

  return (
    <div className="conversation" data-testid="conversation" data-conversation-id={conversation.id} data-state={conversation.state}>
      <div className="conversation__main">
        <header className="conversation__header">
          <div className="conversation__who">
            <h2 className="conversation__customer" data-testid="conversation-customer">
              <bdi>{envelope.customer.name}</bdi>
            </h2>
            <p className="conversation__issue" dir="auto">
              {envelope.issue?.title || 'No issue given'}
            </p>
          </div>
          <div className="conversation__tags">
            <ReasonChip kind={envelope.reason?.kind} />
            <span className="chip chip--muted">{channelLabel(envelope.routing?.channel)}</span>
            <span className={`chip chip--state chip--state-${conversation.state}`} data-testid="conversation-state">
              {STATE_LABELS[conversation.state]}
            </span>
            <ExportButton conversationId={conversation.id} />
          </div>
        </header>

        {failureTurnIds.length > 0 ? (
          <nav className="failure-jump" aria-label="Turns that show why it handed off" data-testid="failure-jump">
            <span>Why it handed off:</span>
            {failureTurnIds.map((turnId, index) => (
              <button
                key={turnId}
                type="button"
                className="button button--quiet"
                onClick={() => setFailureReveal({ conversationId: conversation.id, turnId, nonce: Date.now() })}
                data-testid="failure-jump-button"
              >
                Turn {index + 1} of {failureTurnIds.length}
              </button>
            ))}
          </nav>
        ) : null}

        <Transcript conversationId={conversation.id} entries={entries} reveal={reveal} />

        {error ? (
          <p className="form-error form-error--inline" role="alert" data-testid="conversation-error">
            {error}
          </p>
        ) : null}

        {/* Outside the actions, so "Conversation resolved." is still read out once the composer closes. */}
        <p className="conversation__done" role="status" data-testid="action-done">
          {done}
        </p>

        {canReply ? (
          <>
            <ConversationActions conversationId={conversation.id} />
            <Composer conversationId={conversation.id} envelope={envelope} />
          </>
        ) : (
          <p className="conversation__closed" data-testid="conversation-read-only">
            {conversation.state === 'assigned' || conversation.state === 'transferred'
              ? `Handled by ${conversation.owner.name}. You are reading along.`
              : `${STATE_LABELS[conversation.state]}. Nothing more can be sent here.`}
          </p>
        )}
      </div>

      <aside className="context" aria-label="Handoff context" data-testid="conversation-context">
        {conversation.transfer ? <TransferNoteFacts transfer={conversation.transfer} /> : null}
        <ReasonFacts envelope={envelope} onShowTurn={(turnId) => setFailureReveal({ conversationId: conversation.id, turnId, nonce: Date.now() })} />
        <SummaryFacts envelope={envelope} />
        <SentimentFacts envelope={envelope} />
        <CollectedFacts envelope={envelope} />
        <EarlierConversations conversationId={conversation.id} />
      </aside>
    </div>
  );
}
