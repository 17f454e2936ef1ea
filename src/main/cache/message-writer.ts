import type Database from 'better-sqlite3';
import type { Message } from '../../shared/conversation';
import { messageTurnRow } from './conversation-rows';
import { createTurnWriter, toMillis } from './turn-writer';

/**
 * Stores post-handoff messages for both the conversation repository and the outbox, so a message
 * arrives the same way whether the hub streamed it or acknowledged it.
 */
export function createMessageWriter(db: Database.Database) {
  const turns = createTurnWriter(db);
  const exists = db.prepare<[string], number>('SELECT 1 FROM conversations WHERE id = ?').pluck();
  // A message moves its conversation up the list; updated_at never goes back in time.
  const touch = db.prepare<[{ unread: number; at: string; atMs: number; id: string }]>(`
    UPDATE conversations
    SET unread = unread + @unread,
        updated_at = iif(updated_ms < @atMs, @at, updated_at),
        updated_ms = max(updated_ms, @atMs)
    WHERE id = @id
  `);


  /** Call inside a write transaction. False when the conversation is unknown or the message is already stored. */
  const write = (message: Message, options: { countUnread: boolean }): boolean => {
    if (exists.get(message.conversationId) === undefined) return false;
    if (!turns.write(messageTurnRow(message))) return false;
    const unread = options.countUnread && message.author === 'customer' ? 1 : 0;
    touch.run({ unread, at: message.at, atMs: toMillis(message.at), id: message.conversationId });
    return true;
  };

  return { write };
}
