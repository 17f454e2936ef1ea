import { CLOSED_STATES } from '../../shared/conversation';
import { createAuditRepository } from '../store/audit';
import type { HubDatabase } from '../store/database';
import { createHubSettings } from '../store/hub-settings';

/** Who the audit log names for what the hub deletes by itself under the admin's retention. */
export const RETENTION_ACTOR = { id: 'system:retention', name: 'retention purge (system)' } as const;

const DAY_MS = 24 * 3600_000;
const CLOSED = CLOSED_STATES.map((state) => `'${state}'`).join(', ');

export interface PurgeResult {
  conversations: number;
  /** True when the run stopped at its batch limit with more left for the next run. */
  hasMore: boolean;
}

/**
 * Deletes conversations closed longer ago than the admin's hub retention, with everything that
 * hangs off them (events and who saw them, messages, files, facts, flags, repeat-asks, callbacks,
 * the web chat's session and turns). Each batch is one transaction, so the hub's other writes
 * interleave; a run with deletions is one audit entry.
 */
export function createRetentionPurge(db: HubDatabase, now: () => Date) {
  const settings = createHubSettings(db);
  const audit = createAuditRepository(db);
  const ids = db.prepare<[string, number], string>(`SELECT id FROM conversations WHERE state IN (${CLOSED}) AND updated_at < ? ORDER BY updated_at LIMIT ?`).pluck();
  // Children first: the foreign keys point at conversations and events.
  const deletions = [
    'DELETE FROM event_audience WHERE seq IN (SELECT seq FROM events WHERE conversation_id = ?)',
    'DELETE FROM events WHERE conversation_id = ?',
    'DELETE FROM messages WHERE conversation_id = ?',
    'DELETE FROM repeat_asks WHERE conversation_id = ?',
    'DELETE FROM flags WHERE conversation_id = ?',
    'DELETE FROM callback_deliveries WHERE conversation_id = ?',
    'DELETE FROM waiting_reasons_told WHERE conversation_id = ?',
    'DELETE FROM attachments WHERE conversation_id = ?',
    'DELETE FROM chat_sessions WHERE conversation_id = ?',
    'DELETE FROM conversation_facts WHERE id = ?',
    'DELETE FROM conversations WHERE id = ?',
  ].map((sql) => db.prepare(sql));

  const purgeBatch = db.transaction((cutoff: string, size: number): number => {
    const batch = ids.all(cutoff, size);
    for (const id of batch) for (const statement of deletions) statement.run(id);
    return batch.length;
  });

  return {
    /** The moment before which a closed conversation is purged now, or null when the hub keeps everything. */
    cutoff(): Date | null {
      const { hubDays } = settings.retention();
      return hubDays === null ? null : new Date(now().getTime() - hubDays * DAY_MS);
    },

    /** One bounded run: at most `maxBatches` transactions of `batchSize` conversations each. */
    async run(options: { batchSize?: number; maxBatches?: number } = {}): Promise<PurgeResult> {
      const batchSize = options.batchSize ?? 200;
      const maxBatches = options.maxBatches ?? 50;
      const cutoff = this.cutoff();
      if (!cutoff) return { conversations: 0, hasMore: false };
      let purged = 0;
      let hasMore = false;
      for (let batch = 0; batch < maxBatches; batch += 1) {
        const count = purgeBatch(cutoff.toISOString(), batchSize);
        purged += count;
        hasMore = count === batchSize;
        if (!hasMore) break;
        // Lets requests and stream writes in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (purged > 0) {
        const { hubDays } = settings.retention();
        audit.record({
          at: now().toISOString(),
          actor: RETENTION_ACTOR,
          action: 'retention.purged',
          target: { kind: 'settings', id: 'retention' },
          after: { conversations: purged, closedBefore: cutoff.toISOString(), hubDays },
        });
      }
      return { conversations: purged, hasMore };
    },
  };
}

export type RetentionPurge = ReturnType<typeof createRetentionPurge>;
