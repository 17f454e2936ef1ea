import type { Database } from 'better-sqlite3';
import { ENVELOPE_LIMITS, turnSchema, type Turn } from '../../shared/envelope';
import type { PrunablePendingTranscripts } from './pending-memory';

/**
 * Pending transcripts survive a hub restart: a Chatwoot conversation can take hours between its
 * first message and the handoff. Row `seq = 0` holds a key's meta (merged with json_patch); turns
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

export function createSqlitePendingTranscripts(db: Database, now: () => Date = () => new Date()): PrunablePendingTranscripts {
  const insertTurn = db.prepare<{ key: string; turnId: string; turn: string; at: string }>(
    `INSERT INTO adapter_pending (key, seq, turn_id, turn, updated_at)
     SELECT @key, COALESCE(MAX(seq), 0) + 1, @turnId, @turn, @at FROM adapter_pending WHERE key = @key
     ON CONFLICT DO NOTHING`,
  );
  const trimTurns = db.prepare<{ key: string; keep: number }>(
    `DELETE FROM adapter_pending WHERE key = @key AND seq > 0 AND seq <= (
       SELECT seq FROM adapter_pending WHERE key = @key AND seq > 0 ORDER BY seq DESC LIMIT 1 OFFSET @keep)`,
  );
  const upsertMeta = db.prepare<{ key: string; meta: string; at: string }>(
    `INSERT INTO adapter_pending (key, seq, meta, updated_at) VALUES (@key, 0, @meta, @at)
     ON CONFLICT (key, seq) DO UPDATE SET meta = json_patch(meta, excluded.meta), updated_at = excluded.updated_at`,
  );
  const touch = db.prepare<{ key: string; at: string }>('UPDATE adapter_pending SET updated_at = @at WHERE key = @key AND seq = 0');
  const selectRows = db.prepare<[string], { seq: number; turn: string | null; meta: string | null }>(
    'SELECT seq, turn, meta FROM adapter_pending WHERE key = ? ORDER BY seq',
  );
  const deleteKey = db.prepare<[string]>('DELETE FROM adapter_pending WHERE key = ?');
  const deleteStale = db.prepare<[string]>(
    `DELETE FROM adapter_pending WHERE key IN (
       SELECT key FROM adapter_pending GROUP BY key HAVING MAX(updated_at) < ?)`,
  );
  const countStale = db.prepare<[string], { count: number }>(
    'SELECT COUNT(*) AS count FROM (SELECT key FROM adapter_pending GROUP BY key HAVING MAX(updated_at) < ?)',
  );

  const remember = (key: string, meta: Record<string, unknown>) => {
    upsertMeta.run({ key, meta: JSON.stringify(meta), at: now().toISOString() });
  };
  const append = db.transaction((key: string, turn: Turn, meta?: Record<string, unknown>) => {
    const at = now().toISOString();
    if (meta) remember(key, meta);
    else touch.run({ key, at });
    const inserted = insertTurn.run({ key, turnId: turn.id, turn: JSON.stringify(turn), at });
    if (inserted.changes > 0) trimTurns.run({ key, keep: ENVELOPE_LIMITS.maxTurns });
  });
  const prune = db.transaction((before: Date): number => {
    const cutoff = before.toISOString();
    const { count } = countStale.get(cutoff) ?? { count: 0 };
    deleteStale.run(cutoff);
    return count;
  });

  return {
    append: (key, turn, meta) => append(key, turn, meta),
    remember,
    read(key) {
      const turns: Turn[] = [];
      let meta: Record<string, unknown> = {};
      for (const row of selectRows.all(key)) {
        if (row.seq === 0 && row.meta) meta = parseMeta(row.meta);
        // A row that no longer reads as a turn (schema moved on) is skipped, not fatal.
        const turn = row.turn ? turnSchema.safeParse(JSON.parse(row.turn)) : undefined;
        if (turn?.success) turns.push(turn.data);
      }
      return { turns, meta };
    },
    clear(key) {
      deleteKey.run(key);
    },
    prune,
  };
}

function parseMeta(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}
