import type { CachedConversation } from '../../../shared/ipc';
import { buildTimeline } from '../conversation/conversation-selectors';
import { Transcript, type TranscriptReveal } from '../conversation/Transcript';

/**
 * The conversation so far, below the card's facts: an evidence turn clicked above scrolls here and
 * is marked, the same way the failure jump works in an accepted conversation.
 */
export function HandoffTranscript({ conversation, reveal }: { conversation: CachedConversation; reveal: TranscriptReveal | null }) {
  const entries = buildTimeline(conversation);
  return (
    <section className="card__transcript" aria-labelledby="card-transcript-title" data-testid="handoff-transcript">
      <h3 id="card-transcript-title" className="facts__title">
        Conversation so far
      </h3>
      {entries.length === 0 ? (
        <p className="facts__muted">The bot passed no transcript.</p>
      ) : (
        <div className="card__transcript-frame">
          <Transcript conversationId={conversation.id} entries={entries} reveal={reveal} />
        </div>
      )}
    </section>
  );
}
