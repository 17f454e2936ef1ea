import type { Migration } from './index';

/**
 * Presence and routing memory for the whole floor, so every replica decides from the same facts:
 * each agent's choice, wrap-up end and "longest idle" clock; each replica's lease on the agents it
 * holds live streams for (a dead replica's agents go offline when its lease runs out); the ordered
 * log of effective-presence changes every replica follows; and who declined or let each waiting
 * conversation's offer time out.
 */
export const floorPresence: Migration = {
  version: 20,
  up(db) {
    db.exec(`
      CREATE TABLE agent_presence (
        agent_id TEXT NOT NULL PRIMARY KEY,
        chosen TEXT NOT NULL,
        chosen_reason TEXT,
        wrap_up_until INTEGER,
        idle_since INTEGER,
        shown TEXT NOT NULL,
        shown_reason TEXT,
        since INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE presence_leases (
        agent_id TEXT NOT NULL,
        replica_id TEXT NOT NULL,
        connections INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, replica_id)
      ) STRICT;
      CREATE INDEX presence_leases_replica ON presence_leases(replica_id);
      CREATE TABLE presence_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        agent_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        presence TEXT NOT NULL,
        reason TEXT,
        until INTEGER
      ) STRICT;
      CREATE INDEX presence_changes_at ON presence_changes(at);
      CREATE TABLE routing_passed_over (
        conversation_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (conversation_id, agent_id, kind)
      ) STRICT;
    `);
  },
};
