import type Database from 'better-sqlite3';
import type { Author } from '../../shared/envelope';

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
 * Call inside a write transaction: allocation and insert must not be split.
 */
export function createTurnWriter(db: Database.Database) {
  const topInSlots = db.prepare<[number, number], number | null>(
    'SELECT max(seq) FROM turns WHERE seq >= ? AND seq < ?',
  ).pluck();
  const topFrom = db.prepare<[number], number | null>('SELECT max(seq) FROM turns WHERE seq >= ?').pluck();
  // Positional parameters: binding eleven named ones per turn read as many properties of an object
  // and showed up in the ingest profile; a resync writes tens of thousands of turns.
  const insert = db.prepare<[number, string, string, string, number, Author, string | null, string, number, string | null, 'staff' | null]>(`
    INSERT INTO turns (seq, conversation_id, turn_id, at, at_ms, author, author_name, text, is_message, client_message_id, visibility)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO NOTHING
  `);

  const allocate = (atMs: number): number => {
    const first = atMs * SLOTS_PER_MS;
    const top = topInSlots.get(first, first + SLOTS_PER_MS);
    if (top === null || top === undefined) return first;
    if (top + 1 < first + SLOTS_PER_MS) return top + 1;
    // A millisecond with over a thousand turns (a bot stamping a whole transcript at once): spill
    // past everything stored after it, which keeps the turns in insertion order.
    return (topFrom.get(first) ?? first) + 1;
  };

  /** Stores the turn unless its id (or its clientMessageId) is already there; true when stored. */
  const write = (turn: TurnRow): boolean => {
    const atMs = toMillis(turn.at);
    const result = insert.run(
      allocate(atMs),
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
    );
    return result.changes > 0;
  };

  return { write };
}
