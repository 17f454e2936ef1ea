import type { HubDatabase } from '../store/database';

/** An agent's presence as the store keeps it: their choice, wrap-up and idle clock, and what was last published. */
export interface PresenceRow {
  agentId: string;
  chosen: 'available' | 'away';
  chosenReason: string | null;
  /** Epoch ms when a wrap-up ends by itself; null when none was started. */
  wrapUpUntil: number | null;
  /** Epoch ms when the agent was last given work ("longest idle" routing); null before their first connection. */
  idleSince: number | null;
  /** The effective presence last logged as a change, and since when. */
  shown: 'available' | 'away' | 'offline';
  shownReason: string | null;
  since: number;
}

/** One logged change of an agent's effective presence; `seq` is commit order (one writer). */
export interface PresenceChange {
  seq: number;
  agentId: string;
  at: number;
  presence: 'available' | 'away' | 'offline';
  reason: string | null;
  until: number | null;
}

interface Row {
  agent_id: string;
  chosen: 'available' | 'away';
  chosen_reason: string | null;
  wrap_up_until: number | null;
  idle_since: number | null;
  shown: 'available' | 'away' | 'offline';
  shown_reason: string | null;
  since: number;
}

const toRow = (row: Row): PresenceRow => ({
  agentId: row.agent_id,
  chosen: row.chosen,
  chosenReason: row.chosen_reason,
  wrapUpUntil: row.wrap_up_until,
  idleSince: row.idle_since,
  shown: row.shown,
  shownReason: row.shown_reason,
  since: row.since,
});

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
const LIVE_LEASE = 'l.agent_id = p.agent_id AND l.connections > 0 AND l.expires_at > ?';
const ROWS_WITH_ELSEWHERE = (count: number) =>
  `SELECT p.*, CASE WHEN EXISTS (SELECT 1 FROM presence_leases l WHERE ${LIVE_LEASE} AND l.replica_id <> ?) THEN 1 ELSE 0 END AS elsewhere
  FROM agent_presence p WHERE p.agent_id IN (${placeholders(count)})`;
const ROW = 'SELECT * FROM agent_presence WHERE agent_id = ?';
const SAVE = `INSERT INTO agent_presence (agent_id, chosen, chosen_reason, wrap_up_until, idle_since, shown, shown_reason, since)
  VALUES (@agentId, @chosen, @chosenReason, @wrapUpUntil, @idleSince, @shown, @shownReason, @since)
  ON CONFLICT (agent_id) DO UPDATE SET chosen = excluded.chosen, chosen_reason = excluded.chosen_reason, wrap_up_until = excluded.wrap_up_until,
  idle_since = excluded.idle_since, shown = excluded.shown, shown_reason = excluded.shown_reason, since = excluded.since`;
const WORK_CHANGED = 'UPDATE agent_presence SET idle_since = ? WHERE agent_id = ?';
const SET_LEASE = `INSERT INTO presence_leases (agent_id, replica_id, connections, expires_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (agent_id, replica_id) DO UPDATE SET connections = excluded.connections, expires_at = excluded.expires_at`;
const DROP_LEASE = 'DELETE FROM presence_leases WHERE agent_id = ? AND replica_id = ?';
const RENEW = 'UPDATE presence_leases SET expires_at = ? WHERE replica_id = ?';
const DROP_OTHERS = 'DELETE FROM presence_leases WHERE replica_id <> ?';
const DROP_EXPIRED = 'DELETE FROM presence_leases WHERE expires_at <= ?';
const CONNECTED = 'SELECT 1 AS live FROM presence_leases WHERE agent_id = ? AND connections > 0 AND expires_at > ? LIMIT 1';
const SHOWN_ONLINE = `SELECT p.*, CASE WHEN EXISTS (SELECT 1 FROM presence_leases l WHERE ${LIVE_LEASE}) THEN 1 ELSE 0 END AS anywhere
  FROM agent_presence p WHERE p.shown <> 'offline'`;
const LOG = 'INSERT INTO presence_changes (agent_id, at, presence, reason, until) VALUES (?, ?, ?, ?, ?) RETURNING seq';
const AFTER = 'SELECT * FROM presence_changes WHERE seq > ? ORDER BY seq LIMIT ?';
const LATEST = 'SELECT max(seq) AS seq FROM presence_changes';
const PRUNE = 'DELETE FROM presence_changes WHERE at < ?';

/** The SQL of floor-wide presence: one statement per call, indexed by agent or replica. */
export function createPresenceStore(db: HubDatabase) {
  return {
    async row(agentId: string): Promise<PresenceRow | null> {
      const row = await db.get<Row>(ROW, [agentId]);
      return row ? toRow(row) : null;
    },
    /** Rows of these agents, each with whether a replica other than `replicaId` holds a live connection of theirs. */
    async rowsWithElsewhere(agentIds: readonly string[], replicaId: string, now: number): Promise<Map<string, PresenceRow & { elsewhere: boolean }>> {
      const found = new Map<string, PresenceRow & { elsewhere: boolean }>();
      if (agentIds.length === 0) return found;
      for (const row of await db.all<Row & { elsewhere: number }>(ROWS_WITH_ELSEWHERE(agentIds.length), [now, replicaId, ...agentIds])) {
        found.set(row.agent_id, { ...toRow(row), elsewhere: row.elsewhere === 1 });
      }
      return found;
    },
    save: async (row: PresenceRow): Promise<void> => void (await db.run(SAVE, { ...row })),
    workChanged: async (agentId: string, at: number): Promise<void> => void (await db.run(WORK_CHANGED, [at, agentId])),
    /** This replica's count of an agent's live connections; zero drops the lease row. */
    async setLease(agentId: string, replicaId: string, connections: number, expiresAt: number): Promise<void> {
      if (connections > 0) await db.run(SET_LEASE, [agentId, replicaId, connections, expiresAt]);
      else await db.run(DROP_LEASE, [agentId, replicaId]);
    },
    /** Extends every lease of this replica; returns how many agents it still held a lease on. */
    renew: async (replicaId: string, expiresAt: number): Promise<number> => (await db.run(RENEW, [expiresAt, replicaId])).changes,
    dropOthers: async (replicaId: string): Promise<void> => void (await db.run(DROP_OTHERS, [replicaId])),
    dropExpired: async (now: number): Promise<void> => void (await db.run(DROP_EXPIRED, [now])),
    connectedAnywhere: async (agentId: string, now: number): Promise<boolean> => (await db.get(CONNECTED, [agentId, now])) !== undefined,
    /** Agents shown online, each with whether any replica still holds a live connection: what time can change. */
    async shownOnline(now: number): Promise<(PresenceRow & { anywhere: boolean })[]> {
      return (await db.all<Row & { anywhere: number }>(SHOWN_ONLINE, [now])).map((row) => ({ ...toRow(row), anywhere: row.anywhere === 1 }));
    },
    async log(change: Omit<PresenceChange, 'seq'>): Promise<number> {
      const row = await db.get<{ seq: number }>(LOG, [change.agentId, change.at, change.presence, change.reason, change.until]);
      return row?.seq ?? 0;
    },
    async after(seq: number, limit: number): Promise<PresenceChange[]> {
      const rows = await db.all<{ seq: number; agent_id: string; at: number; presence: PresenceChange['presence']; reason: string | null; until: number | null }>(AFTER, [seq, limit]);
      return rows.map((row) => ({ seq: row.seq, agentId: row.agent_id, at: row.at, presence: row.presence, reason: row.reason, until: row.until }));
    },
    latestSeq: async (): Promise<number> => (await db.get<{ seq: number | null }>(LATEST))?.seq ?? 0,
    prune: async (before: number): Promise<void> => void (await db.run(PRUNE, [before])),
  };
}

export type PresenceStore = ReturnType<typeof createPresenceStore>;
