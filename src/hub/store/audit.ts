import type { AuditEntry } from '../../shared/admin';
import type { HubDatabase } from './database';

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  target_kind: string;
  target_id: string;
  before: string | null;
  after: string | null;
}

export interface AuditRecord {
  at: string;
  actor: { id: string; name: string };
  action: string;
  target: { kind: string; id: string };
  before?: unknown;
  after?: unknown;
}

const INSERT = `INSERT INTO audit_log (at, actor_id, actor_name, action, target_kind, target_id, before, after)
  VALUES (@at, @actorId, @actorName, @action, @targetKind, @targetId, @before, @after)`;
const PAGE = 'SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?';
const AFTER = 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?';
/** Rows an export reads per query: the whole log never sits in memory at once. */
const EXPORT_PAGE = 500;

const toEntry = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  actor: { id: row.actor_id, name: row.actor_name },
  action: row.action,
  target: { kind: row.target_kind, id: row.target_id },
  before: row.before === null ? null : (JSON.parse(row.before) as unknown),
  after: row.after === null ? null : (JSON.parse(row.after) as unknown),
});

/** The admins' audit log: append-only, newest first when read. */
export function createAuditRepository(db: HubDatabase) {
  return {
    async record(entry: AuditRecord): Promise<void> {
      await db.run(INSERT, {
        at: entry.at,
        actorId: entry.actor.id,
        actorName: entry.actor.name,
        action: entry.action,
        targetKind: entry.target.kind,
        targetId: entry.target.id,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
      });
    },
    /** Newest first, `limit` entries older than `beforeSeq`. */
    async page(beforeSeq: number, limit: number): Promise<AuditEntry[]> {
      return (await db.all<AuditRow>(PAGE, [beforeSeq, limit])).map(toEntry);
    },
    /** Oldest first, for an export, read a page at a time. */
    async *all(): AsyncGenerator<AuditEntry> {
      let after = 0;
      for (;;) {
        const rows = await db.all<AuditRow>(AFTER, [after, EXPORT_PAGE]);
        for (const row of rows) yield toEntry(row);
        if (rows.length < EXPORT_PAGE) return;
        after = rows.at(-1)!.seq;
      }
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
