import type { HubDatabase } from './database';

/**
 * Which reasons for waiting routing has already told about each conversation (to supervisors and,
 * through a callback, to the source bot). Stored, so that a restart does not tell them again.
 */
export function createWaitingReasonRepository(db: HubDatabase) {
  const statements = {
    note: db.prepare('INSERT OR IGNORE INTO waiting_reasons_told (conversation_id, reason) VALUES (?, ?)'),
    forget: db.prepare('DELETE FROM waiting_reasons_told WHERE conversation_id = ?'),
  };
  return {
    /** True the first time a reason is noted for the conversation; false when it was already told. */
    note: (conversationId: string, reason: string): boolean => statements.note.run(conversationId, reason).changes === 1,
    /** The conversation left routing (accepted, transferred, closed): a later wait starts afresh. */
    forget: (conversationId: string): void => void statements.forget.run(conversationId),
  };
}

export type WaitingReasonRepository = ReturnType<typeof createWaitingReasonRepository>;
