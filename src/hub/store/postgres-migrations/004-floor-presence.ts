import type { PostgresMigration } from './migration';

/** Twin of SQLite's 020: presence, connection leases, the presence log and routing memory, floor-wide. */
export const floorPresence: PostgresMigration = {
  version: 4,
  async up(client) {
    await client.query(`
      CREATE TABLE agent_presence (
        agent_id text NOT NULL PRIMARY KEY,
        chosen text NOT NULL,
        chosen_reason text,
        wrap_up_until bigint,
        idle_since bigint,
        shown text NOT NULL,
        shown_reason text,
        since bigint NOT NULL
      );
      CREATE TABLE presence_leases (
        agent_id text NOT NULL,
        replica_id text NOT NULL,
        connections bigint NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (agent_id, replica_id)
      );
      CREATE INDEX presence_leases_replica ON presence_leases (replica_id);
      CREATE TABLE presence_changes (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        agent_id text NOT NULL,
        at bigint NOT NULL,
        presence text NOT NULL,
        reason text,
        until bigint
      );
      CREATE INDEX presence_changes_at ON presence_changes (at);
      CREATE TABLE routing_passed_over (
        conversation_id text NOT NULL,
        agent_id text NOT NULL,
        kind text NOT NULL,
        PRIMARY KEY (conversation_id, agent_id, kind)
      );
    `);
  },
};
