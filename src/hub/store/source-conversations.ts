import type { HubDatabase } from './database';

/**
 * Finding a conversation by the platform's own conversation id (the envelope's
 * `source.conversationId`), through the expression index of hub migration 011. A customer who
 * writes again after resolution has several; the newest is the one that goes on.
 */
export function createSourceConversationRepository(db: HubDatabase) {
  const statements = {
    latest: db.prepare<[string, string], string>(
      `SELECT id FROM conversations WHERE integration_id = ? AND json_extract(envelope, '$.source.conversationId') = ?
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ).pluck(),
    successor: db.prepare<[string], string>(
      'SELECT id FROM conversations WHERE previous_conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ).pluck(),
  };
  return {
    latestBySource: (integrationId: string, sourceConversationId: string): string | null =>
      statements.latest.get(integrationId, sourceConversationId) ?? null,
    /** The conversation that continues a closed one ("the customer wrote again"), if any. */
    successorOf: (conversationId: string): string | null => statements.successor.get(conversationId) ?? null,
  };
}
