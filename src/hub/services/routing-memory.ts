import type { HubDatabase } from '../store/database';

const ADD = 'INSERT INTO routing_passed_over (conversation_id, agent_id, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';
const OF = 'SELECT agent_id, kind FROM routing_passed_over WHERE conversation_id = ?';
const FORGET = 'DELETE FROM routing_passed_over WHERE conversation_id = ?';

/** Declined: never offered this conversation again. Timed out: offered it again only when nobody else can take it. */
export type PassedOverKind = 'declined' | 'timed-out';

/**
 * Routing's memory of the agents passed over for each waiting conversation, kept in the store so
 * that every replica routes by it and it outlives the replica that learned it. Read by primary key
 * prefix, once per conversation routing considers while an agent is free.
 */
export function createPassedOverRepository(db: HubDatabase) {
  return {
    add: async (conversationId: string, agentId: string, kind: PassedOverKind): Promise<void> => void (await db.run(ADD, [conversationId, agentId, kind])),
    async of(conversationId: string): Promise<{ declined: ReadonlySet<string>; timedOut: ReadonlySet<string> }> {
      const declined = new Set<string>();
      const timedOut = new Set<string>();
      for (const row of await db.all<{ agent_id: string; kind: PassedOverKind }>(OF, [conversationId])) {
        (row.kind === 'declined' ? declined : timedOut).add(row.agent_id);
      }
      return { declined, timedOut };
    },
    forget: async (conversationId: string): Promise<void> => void (await db.run(FORGET, [conversationId])),
  };
}
