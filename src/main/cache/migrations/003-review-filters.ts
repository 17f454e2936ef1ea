import type { Migration } from './types';

/**
 * Columns for the sentiment and disposition filters of history, and the lifecycle fields the hub
 * added to a conversation (transfer note, flags, disposition, rating…), which were not cached.
 *
 * - `sentiment_label`: the envelope's own label when it gave one, otherwise the score cut at ±0.25
 *   (the cut-offs the hub uses for a bot's bare score). Backfilled from the stored envelopes.
 * - `disposition`: how the conversation ended, as the hub reported it; older rows never saw one, so
 *   they stay NULL until the hub sends the conversation again.
 * - `lifecycle`: the rest of ConversationLifecycleFields as JSON, only for showing; never queried.
 *
 * Labels read from old JSON are checked against the three known ones: a stray value would fail the
 * CHECK and with it the migration, and a cache that cannot open is worse than an unlabelled row.
 */
export const reviewFilters: Migration = {
  version: 3,
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN sentiment_label TEXT
        CHECK (sentiment_label IN ('negative', 'neutral', 'positive'));
      ALTER TABLE conversations ADD COLUMN disposition TEXT;
      ALTER TABLE conversations ADD COLUMN lifecycle TEXT;

      UPDATE conversations SET sentiment_label = CASE
        WHEN json_valid(envelope) AND json_extract(envelope, '$.sentiment.label') IN ('negative', 'neutral', 'positive')
          THEN json_extract(envelope, '$.sentiment.label')
        WHEN sentiment_score IS NULL THEN NULL
        WHEN sentiment_score <= -0.25 THEN 'negative'
        WHEN sentiment_score >= 0.25 THEN 'positive'
        ELSE 'neutral'
      END;

      CREATE INDEX conversations_by_sentiment ON conversations (sentiment_label, updated_ms);
      CREATE INDEX conversations_by_disposition ON conversations (disposition, updated_ms) WHERE disposition IS NOT NULL;
    `);
  },
};
