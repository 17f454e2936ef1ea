import type { HubDatabase } from './database';
import { jsonText } from './sql/dialect';
import type { SqlDialect } from './sql/sql';

// Ties in created_at (the same millisecond) fall back to id: deterministic on both stores.
const latestText = (dialect: SqlDialect) => `SELECT id FROM conversations
  WHERE integration_id = ? AND ${jsonText(dialect, 'envelope', ['source', 'conversationId'])} = ?
  ORDER BY created_at DESC, id DESC LIMIT 1`;
const SUCCESSOR = 'SELECT id FROM conversations WHERE previous_conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 1';

/**
 * Finding a conversation by the platform's own conversation id (the envelope's
 * `source.conversationId`), through the expression index of hub migration 011. A customer who
 * writes again after resolution has several; the newest is the one that goes on.
 */
export function createSourceConversationRepository(db: HubDatabase) {
  const latest = latestText(db.dialect);
  return {
    latestBySource: async (integrationId: string, sourceConversationId: string): Promise<string | null> =>
      (await db.get<{ id: string }>(latest, [integrationId, sourceConversationId]))?.id ?? null,
    /** The conversation that continues a closed one ("the customer wrote again"), if any. */
    successorOf: async (conversationId: string): Promise<string | null> => (await db.get<{ id: string }>(SUCCESSOR, [conversationId]))?.id ?? null,
  };
}
