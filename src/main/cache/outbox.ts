import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Message } from '../../shared/conversation';
import type { PendingMessage } from '../../shared/ipc';
import { createMessageWriter } from './message-writer';

interface OutboxRow {
  message: string;
  status: PendingMessage['status'];
  error: string | null;
}

const toPending = (row: OutboxRow): PendingMessage => ({
  ...(JSON.parse(row.message) as Message),
  status: row.status,
  error: row.error,
});

/**
 * Messages the agent wrote that the hub has not acknowledged. They survive restarts and are
 * handed back in the order they were written; `clientMessageId` is the idempotency key the hub
 * uses, so sending one twice after a crash stores it once.
 */
export function createOutboxRepository(db: Database.Database) {
  const messages = createMessageWriter(db);
  const insert = db.prepare(`
    INSERT INTO outbox (client_message_id, conversation_id, message, status)
    VALUES (@clientMessageId, @conversationId, @message, 'pending')
    ON CONFLICT (client_message_id) DO NOTHING
  `);
  const selectOne = db.prepare<[string], OutboxRow>('SELECT message, status, error FROM outbox WHERE client_message_id = ?');
  const selectAll = db.prepare<[], OutboxRow>('SELECT message, status, error FROM outbox ORDER BY position');
  const selectForConversation = db.prepare<[string], OutboxRow>(
    'SELECT message, status, error FROM outbox WHERE conversation_id = ? ORDER BY position',
  );
  const remove = db.prepare<[string]>('DELETE FROM outbox WHERE client_message_id = ?');
  const fail = db.prepare<[string, string]>(
    "UPDATE outbox SET status = 'failed', error = ?, attempts = attempts + 1 WHERE client_message_id = ?",
  );

  /** Enqueuing the same clientMessageId again returns the entry already there. */
  const enqueue = db.transaction((message: Message): PendingMessage => {
    const clientMessageId = message.clientMessageId ?? randomUUID();
    const stored = { ...message, clientMessageId };
    insert.run({ clientMessageId, conversationId: message.conversationId, message: JSON.stringify(stored) });
    const row = selectOne.get(clientMessageId);
    if (!row) throw new Error(`Outbox entry ${clientMessageId} vanished while it was being written`);
    return toPending(row);
  });

  // The hub's copy is stored before the outbox entry goes, in one transaction: a crash between the
  // two cannot make the message disappear from the conversation.
  const markDelivered = db.transaction((clientMessageId: string, delivered: Message): void => {
    messages.write({ ...delivered, clientMessageId }, { countUnread: false });
    remove.run(clientMessageId);
  });

  return {
    /** Stores a message the agent wrote as 'pending'; assigns a clientMessageId when it has none. */
    enqueue(message: Message): PendingMessage {
      return enqueue(message);
    },

    /** Every undelivered message ('pending' and 'failed', which are retried), oldest first. */
    pending(conversationId?: string): PendingMessage[] {
      const rows = conversationId === undefined ? selectAll.all() : selectForConversation.all(conversationId);
      return rows.map(toPending);
    },

    /** Whether this key still waits in the outbox: one primary-key lookup, for every message the hub streams. */
    isPending(clientMessageId: string): boolean {
      return selectOne.get(clientMessageId) !== undefined;
    },

    /** Removes the entry and stores the hub's copy in its conversation. Safe to repeat. */
    markDelivered(clientMessageId: string, delivered: Message): void {
      markDelivered(clientMessageId, delivered);
    },

    /** Keeps the entry for a retry, marked 'failed' with the reason. */
    markFailed(clientMessageId: string, error: string): void {
      fail.run(error, clientMessageId);
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
