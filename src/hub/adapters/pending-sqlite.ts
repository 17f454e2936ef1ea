import { ENVELOPE_LIMITS, turnSchema, type Turn } from '../../shared/envelope';
import type { HubDatabase } from '../store/database';
import type { PrunablePendingTranscripts } from './pending-memory';

/**
 * Pending transcripts survive a hub restart: a Chatwoot conversation can take hours between its
 * first message and the handoff. Row `seq = 0` holds a key's meta (merged key by key); turns
 * start at 1. The integrator adds this DDL as a numbered hub migration.
 */
export const ADAPTER_PENDING_DDL = `
CREATE TABLE adapter_pending (
  key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  turn_id TEXT,
  turn TEXT,
  meta TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (key, seq)
) STRICT;
CREATE UNIQUE INDEX adapter_pending_turn_id ON adapter_pending (key, turn_id) WHERE turn_id IS NOT NULL;
CREATE INDEX adapter_pending_updated_at ON adapter_pending (updated_at);
`;

const INSERT_TURN = `INSERT INTO adapter_pending (key, seq, turn_id, turn, updated_at)
  SELECT @key, coalesce(max(seq), 0) + 1, CAST(@turnId AS TEXT), CAST(@turn AS TEXT), CAST(@at AS TEXT) FROM adapter_pending WHERE key = @key
  ON CONFLICT DO NOTHING`;
const TRIM_TURNS = `DELETE FROM adapter_pending WHERE key = @key AND seq > 0 AND seq <= (
  SELECT seq FROM adapter_pending WHERE key = @key AND seq > 0 ORDER BY seq DESC LIMIT 1 OFFSET @keep)`;
const META = 'SELECT meta FROM adapter_pending WHERE key = ? AND seq = 0';
const UPSERT_META = `INSERT INTO adapter_pending (key, seq, meta, updated_at) VALUES (@key, 0, @meta, @at)
  ON CONFLICT (key, seq) DO UPDATE SET meta = excluded.meta, updated_at = excluded.updated_at`;
const TOUCH = 'UPDATE adapter_pending SET updated_at = @at WHERE key = @key AND seq = 0';
const SELECT_ROWS = 'SELECT seq, turn, meta FROM adapter_pending WHERE key = ? ORDER BY seq';
const DELETE_KEY = 'DELETE FROM adapter_pending WHERE key = ?';
const STALE_KEYS = 'SELECT key FROM adapter_pending GROUP BY key HAVING max(updated_at) < ?';
const DELETE_STALE = `DELETE FROM adapter_pending WHERE key IN (${STALE_KEYS})`;
const COUNT_STALE = `SELECT count(*) AS count FROM (${STALE_KEYS}) AS stale`;

/** Pending transcripts in the hub's store (SQLite or PostgreSQL), shared by every replica. */
export function createSqlitePendingTranscripts(db: HubDatabase, now: () => Date = () => new Date()): PrunablePendingTranscripts {
  /** Meta merges key by key (later values win), in TypeScript: the same rule on both stores and in memory. */
  const remember = (key: string, meta: Record<string, unknown>): Promise<void> =>
    db.write(async () => {
      const stored = (await db.get<{ meta: string | null }>(META, [key]))?.meta;
      const merged = { ...(stored ? parseMeta(stored) : {}), ...meta };
      await db.run(UPSERT_META, { key, meta: JSON.stringify(merged), at: now().toISOString() });
    });

  return {
    append: (key, turn, meta) =>
      db.write(async () => {
        const at = now().toISOString();
        if (meta) await remember(key, meta);
        else await db.run(TOUCH, { key, at });
        const inserted = await db.run(INSERT_TURN, { key, turnId: turn.id, turn: JSON.stringify(turn), at });
        if (inserted.changes > 0) await db.run(TRIM_TURNS, { key, keep: ENVELOPE_LIMITS.maxTurns });
      }),
    remember,
    async read(key) {
      const turns: Turn[] = [];
      let meta: Record<string, unknown> = {};
      for (const row of await db.all<{ seq: number; turn: string | null; meta: string | null }>(SELECT_ROWS, [key])) {
        if (row.seq === 0 && row.meta) meta = parseMeta(row.meta);
        // A row that no longer reads as a turn (schema moved on) is skipped, not fatal.
        const turn = row.turn ? turnSchema.safeParse(JSON.parse(row.turn)) : undefined;
        if (turn?.success) turns.push(turn.data);
      }
      return { turns, meta };
    },
    async clear(key) {
      await db.run(DELETE_KEY, [key]);
    },
    prune: (before: Date): Promise<number> =>
      db.write(async () => {
        const cutoff = before.toISOString();
        const count = (await db.get<{ count: number }>(COUNT_STALE, [cutoff]))?.count ?? 0;
        await db.run(DELETE_STALE, [cutoff]);
        return count;
      }),
  };
}

function parseMeta(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}
