import type { HubDatabase } from './database';

/** What one conversation adds to its agents' loads: an assigned chat and an open offer count one each. */
interface Holds {
  assigned: string | null;
  offered: string | null;
}

type HoldsRow = Holds & { id: string };

const HOLDS = `SELECT id, CASE WHEN state = 'assigned' THEN assigned_agent_id END AS assigned, offered_agent_id AS offered FROM conversations`;

/**
 * Offers plus assigned chats per agent, kept in memory so that routing does not count every open
 * conversation on each dispatch (docs/decisions/001-agent-loads-in-memory.md).
 *
 * It cannot drift from the rows because it never trusts a write it was told about: a write only
 * marks its conversation as touched, and a touched conversation's row is read back once no
 * transaction is open (a microtask after the write's synchronous transaction, committed or rolled
 * back). Asked inside a transaction, the touched rows are read as that transaction sees them and
 * overlaid on the settled counts, not folded into them. Built from the table on first use, so a
 * restart starts from what is stored.
 */
export function createAgentLoads(db: HubDatabase) {
  const statements = {
    // Each half reads its partial index (migration 005), not the whole table; UNION drops a row found by both.
    all: db.prepare<[], HoldsRow>(
      `${HOLDS} INDEXED BY conversations_assigned_load WHERE state = 'assigned'
       UNION ${HOLDS} INDEXED BY conversations_offered_load WHERE offered_agent_id IS NOT NULL`,
    ),
    one: db.prepare<[string], HoldsRow>(`${HOLDS} WHERE id = ?`),
  };
  let holds: Map<string, Holds> | null = null;
  const counts = new Map<string, number>();
  const touched = new Set<string>();
  let isSettleQueued = false;

  const add = (into: Map<string, number>, entry: Holds | undefined, delta: 1 | -1): void => {
    for (const agent of [entry?.assigned, entry?.offered]) {
      if (!agent) continue;
      const next = (into.get(agent) ?? 0) + delta;
      if (next === 0) into.delete(agent);
      else into.set(agent, next);
    }
  };
  const holdsOf = (row: HoldsRow | undefined): Holds | undefined =>
    row && (row.assigned || row.offered) ? { assigned: row.assigned, offered: row.offered } : undefined;

  function build(): Map<string, Holds> {
    const built = new Map<string, Holds>();
    for (const row of statements.all.all()) {
      const entry = holdsOf(row)!;
      built.set(row.id, entry);
      add(counts, entry, 1);
    }
    return built;
  }

  /** Folds the touched rows in as stored: only outside a transaction, where what is read is final. */
  function settle(): void {
    if (!db.open) return;
    if (db.inTransaction) return void setImmediate(queueSettle);
    if (holds) {
      for (const id of touched) {
        add(counts, holds.get(id), -1);
        const entry = holdsOf(statements.one.get(id));
        add(counts, entry, 1);
        if (entry) holds.set(id, entry);
        else holds.delete(id);
      }
    }
    touched.clear();
  }

  function queueSettle(): void {
    isSettleQueued = false;
    if (touched.size > 0) settle();
  }

  return {
    /** A conversation's state, offer or assignee was written (committed or not). */
    touch(id: string): void {
      touched.add(id);
      if (isSettleQueued) return;
      isSettleQueued = true;
      queueMicrotask(queueSettle);
    },
    /** Offers plus assigned chats per agent, as the caller's transaction (if any) sees them. */
    loads(): Map<string, number> {
      holds ??= build();
      if (touched.size > 0 && !db.inTransaction) settle();
      const view = new Map(counts);
      // Rows this transaction wrote may still roll back: overlaid on a copy, never folded in.
      for (const id of touched) {
        add(view, holds.get(id), -1);
        add(view, holdsOf(statements.one.get(id)), 1);
      }
      return view;
    },
  };
}

export type AgentLoads = ReturnType<typeof createAgentLoads>;

const perDatabase = new WeakMap<HubDatabase, AgentLoads>();

/** The one tracker of a database, whichever repository writes through it. */
export function agentLoadsOf(db: HubDatabase): AgentLoads {
  let loads = perDatabase.get(db);
  if (!loads) {
    loads = createAgentLoads(db);
    perDatabase.set(db, loads);
  }
  return loads;
}
