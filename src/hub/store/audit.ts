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

/** The admins' audit log: append-only, newest first when read. */
export function createAuditRepository(db: HubDatabase) {
  const statements = {
    insert: db.prepare(
      `INSERT INTO audit_log (at, actor_id, actor_name, action, target_kind, target_id, before, after)
       VALUES (@at, @actorId, @actorName, @action, @targetKind, @targetId, @before, @after)`,
    ),
    page: db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?'),
    all: db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq'),
  };
  const toEntry = (row: AuditRow): AuditEntry => ({
    seq: row.seq,
    at: row.at,
    actor: { id: row.actor_id, name: row.actor_name },
    action: row.action,
    target: { kind: row.target_kind, id: row.target_id },
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
  });
  return {
    record(entry: AuditRecord): void {
      statements.insert.run({
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
    page(beforeSeq: number, limit: number): AuditEntry[] {
      return statements.page.all(beforeSeq, limit).map(toEntry);
    },
    /** Oldest first, for an export. */
    *all(): Generator<AuditEntry> {
      for (const row of statements.all.iterate()) yield toEntry(row);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
