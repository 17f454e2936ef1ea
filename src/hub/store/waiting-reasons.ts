import type { HubDatabase } from './database';

const NOTE = 'INSERT INTO waiting_reasons_told (conversation_id, reason) VALUES (?, ?) ON CONFLICT DO NOTHING';
const FORGET = 'DELETE FROM waiting_reasons_told WHERE conversation_id = ?';

/**
 * Which reasons for waiting routing has already told about each conversation (to supervisors and,
 * through a callback, to the source bot). Stored, so that a restart does not tell them again.
 */
export function createWaitingReasonRepository(db: HubDatabase) {
  return {
    /** True the first time a reason is noted for the conversation; false when it was already told. */
    note: async (conversationId: string, reason: string): Promise<boolean> => (await db.run(NOTE, [conversationId, reason])).changes === 1,
    /** The conversation left routing (accepted, transferred, closed): a later wait starts afresh. */
    forget: async (conversationId: string): Promise<void> => void (await db.run(FORGET, [conversationId])),
  };
}

export type WaitingReasonRepository = ReturnType<typeof createWaitingReasonRepository>;
