import type Database from 'better-sqlite3';
import type { Attachment, Author } from '../../shared/envelope';

/**
 * Room for this many turns stamped with the same millisecond before a turn spills into the next
 * millisecond's slots. 2^10 × today's epoch milliseconds stays well inside 2^53 until the 2200s.
 */
export const SLOTS_PER_MS = 1024;

export interface TurnRow {
  conversationId: string;
  turnId: string;
  at: string;
  author: Author;
  authorName: string | null;
  text: string;
  isMessage: boolean;
  clientMessageId: string | null;
  /** 'staff' for a whisper; null for what everyone in the chat sees. */
  visibility: 'staff' | null;
  /** The turn's files as the hub referred to them; null when it has none. */
  attachments?: Attachment[] | null;
}

/**
 * Milliseconds since the epoch of an ISO time. Times with offsets sort correctly only once
 * converted. An unparseable time (the schemas upstream refuse them) sorts first rather than
 * throwing away a customer's words.
 */
export const toMillis = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
};

/**
 * Writes turns with a `seq` (their rowid and FTS rowid) allocated in time order: the first free
 * slot of the turn's millisecond. Ordering by `seq` is then "by time, then by insertion", both
 * within a conversation and across the whole FTS index, which is what makes newest-first search
 * stream from the index instead of sorting every match.
 *
 * Call inside a write transaction: allocation, insert and index entry must not be split.
 */
type InsertArgs = [
  first: number, first: number, first: number, first: number, first: number,
  conversationId: string, turnId: string, at: string, atMs: number, author: Author, authorName: string | null,
  text: string, isMessage: number, clientMessageId: string | null, visibility: 'staff' | null, attachments: string | null,
];

export function createTurnWriter(db: Database.Database) {
  // The seq is allocated by the INSERT itself: the first free slot of the turn's millisecond
  // (`first`, bound five times, positionally, as better-sqlite3 has no ?NNN), or, in a millisecond
  // with over a thousand turns (a bot stamping a whole transcript at once), past everything stored
  // after it, which keeps the turns in insertion order. The slot is a scalar subquery inside VALUES
  // because an INSERT … SELECT reading its own table goes through a temporary table
  // (docs/decisions/003-cache-turn-writer.md).
  const insert = db.prepare<InsertArgs>(`
    INSERT INTO turns (seq, conversation_id, turn_id, at, at_ms, author, author_name, text, is_message, client_message_id, visibility, attachments)
    VALUES ((SELECT CASE
        WHEN slot.top IS NULL THEN ?
        WHEN slot.top + 1 < ? + ${SLOTS_PER_MS} THEN slot.top + 1
        ELSE (SELECT max(seq) FROM turns WHERE seq >= ?) + 1
      END
      FROM (SELECT max(seq) AS top FROM turns WHERE seq >= ? AND seq < ? + ${SLOTS_PER_MS}) AS slot),
      ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO NOTHING
  `);
  // The search index entry of a stored turn, written here rather than by a trigger: a trigger puts
  // every turn under a statement savepoint, where FTS5 flushes a segment per turn.
  const index = db.prepare<[seq: number | bigint, text: string]>('INSERT INTO turns_fts (rowid, text) VALUES (?, ?)');

  /**
   * Stores the turn unless its id (or its clientMessageId) is already there; true when stored.
   * `atMs` is `toMillis(turn.at)`, passed by a caller that already parsed it to sort a batch.
   */
  const write = (turn: TurnRow, atMs = toMillis(turn.at)): boolean => {
    // The turn and its index entry are two statements: outside a transaction a crash between them
    // would leave a turn search never finds.
    if (!db.inTransaction) throw new Error('Turns are written inside a transaction, with their search entry');
    const first = atMs * SLOTS_PER_MS;
    const result = insert.run(
      first,
      first,
      first,
      first,
      first,
      turn.conversationId,
      turn.turnId,
      turn.at,
      atMs,
      turn.author,
      turn.authorName,
      turn.text,
      turn.isMessage ? 1 : 0,
      turn.clientMessageId,
      turn.visibility,
      turn.attachments && turn.attachments.length > 0 ? JSON.stringify(turn.attachments) : null,
    );
    if (result.changes === 0) return false;
    index.run(result.lastInsertRowid, turn.text);
    return true;
  };

  return { write };
}
