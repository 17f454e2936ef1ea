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
  const idsSql = `SELECT id FROM conversations WHERE state IN (${CLOSED}) AND updated_at < ? ORDER BY updated_at, id LIMIT ?`;
  // Children first: the foreign keys point at conversations and events. `IDS` is the batch's id list.
  const deletions = [
    'DELETE FROM event_audience WHERE seq IN (SELECT seq FROM events WHERE conversation_id IN IDS)',
    'DELETE FROM events WHERE conversation_id IN IDS',
    'DELETE FROM messages WHERE conversation_id IN IDS',
    'DELETE FROM repeat_asks WHERE conversation_id IN IDS',
    'DELETE FROM flags WHERE conversation_id IN IDS',
    'DELETE FROM callback_deliveries WHERE conversation_id IN IDS',
    'DELETE FROM waiting_reasons_told WHERE conversation_id IN IDS',
    'DELETE FROM attachments WHERE conversation_id IN IDS',
    'DELETE FROM chat_sessions WHERE conversation_id IN IDS',
    'DELETE FROM conversation_facts WHERE id IN IDS',
    'DELETE FROM conversations WHERE id IN IDS',
  ];

  // One statement per table for the whole batch: few round trips while the write holds the floor's lock.
  const purgeBatch = (cutoff: string, size: number): Promise<number> =>
    db.write(async () => {
      const ids = (await db.all<{ id: string }>(idsSql, [cutoff, size])).map((row) => row.id);
      if (ids.length === 0) return 0;
      const list = `(${ids.map(() => '?').join(', ')})`;
      for (const sql of deletions) await db.run(sql.replace('IDS', list), ids);
      return ids.length;
    });

  return {
    /** The moment before which a closed conversation is purged now, or null when the hub keeps everything. */
    async cutoff(): Promise<Date | null> {
      const { hubDays } = await settings.retention();
      return hubDays === null ? null : new Date(now().getTime() - hubDays * DAY_MS);
    },

    /** One bounded run: at most `maxBatches` transactions of `batchSize` conversations each. */
    async run(options: { batchSize?: number; maxBatches?: number } = {}): Promise<PurgeResult> {
      const batchSize = options.batchSize ?? 200;
      const maxBatches = options.maxBatches ?? 50;
      const cutoff = await this.cutoff();
      if (!cutoff) return { conversations: 0, hasMore: false };
      let purged = 0;
      let hasMore = false;
      for (let batch = 0; batch < maxBatches; batch += 1) {
        const count = await purgeBatch(cutoff.toISOString(), batchSize);
        purged += count;
        hasMore = count === batchSize;
        if (!hasMore) break;
        // Lets requests and stream writes in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (purged > 0) {
        const { hubDays } = await settings.retention();
        await audit.record({
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
