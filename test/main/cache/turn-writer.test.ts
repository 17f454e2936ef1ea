import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { createTurnWriter, SLOTS_PER_MS, toMillis, type TurnRow } from '../../../src/main/cache/turn-writer';
import { conversationView } from './fixtures/conversations';

const row = (turnId: string, at: string, overrides: Partial<TurnRow> = {}): TurnRow => ({
  conversationId: 'c1',
  turnId,
  at,
  author: 'customer',
  authorName: null,
  text: `text of ${turnId}`,
  isMessage: true,
  clientMessageId: null,
  visibility: null,
  ...overrides,
});

describe('the turn writer', () => {
  let db: Database.Database;
  let writer: ReturnType<typeof createTurnWriter>;
  const seqs = () => db.prepare<[], { turn_id: string; seq: number }>('SELECT turn_id, seq FROM turns ORDER BY seq').all();
  const order = () => seqs().map((r) => r.turn_id);

  beforeEach(() => {
    db = openCache(':memory:');
    // A conversation without transcript turns, so the table holds only what each test writes.
    const view = conversationView({ id: 'c1' });
    createConversationRepository(db).save({ ...view, envelope: { ...view.envelope, transcript: [] } });
    writer = createTurnWriter(db);
  });
  afterEach(() => db.close());

  it('gives a turn the first slot of its millisecond, so seq orders turns by time whatever order they were written in', () => {
    const at = '2026-11-20T10:00:05.000Z';
    writer.write(row('late', '2026-11-20T10:00:09Z'));
    writer.write(row('early', at));
    expect(seqs()).toEqual([
      { turn_id: 'early', seq: toMillis(at) * SLOTS_PER_MS },
      { turn_id: 'late', seq: toMillis('2026-11-20T10:00:09Z') * SLOTS_PER_MS },
    ]);
  });

  it('puts turns of the same millisecond in the order they were written, after those already there', () => {
    const at = '2026-11-20T10:00:00Z';
    db.transaction(() => ['a', 'b'].forEach((id) => writer.write(row(id, at))))();
    writer.write(row('next-second', '2026-11-20T10:00:01Z'));
    writer.write(row('c', at));
    expect(order()).toEqual(['a', 'b', 'c', 'next-second']);
    expect(seqs()[2]?.seq).toBe(toMillis(at) * SLOTS_PER_MS + 2);
  });

  it('past a full millisecond of slots, stores a turn after everything stored later, keeping insertion order', () => {
    const at = '2026-11-20T10:00:00Z';
    db.transaction(() => {
      for (let i = 0; i < SLOTS_PER_MS; i += 1) writer.write(row(`bulk-${i}`, at));
    })();
    writer.write(row('later', '2026-11-20T10:00:00.001Z'));
    writer.write(row('overflow', at));
    const ids = order();
    expect(ids).toHaveLength(SLOTS_PER_MS + 2);
    expect(ids.slice(-2)).toEqual(['later', 'overflow']);
    expect(ids.slice(0, 3)).toEqual(['bulk-0', 'bulk-1', 'bulk-2']);
  });

  it('stores a turn once by id and once by clientMessageId, and says whether it stored it', () => {
    expect(writer.write(row('m1', '2026-11-20T10:00:00Z', { clientMessageId: 'k1' }))).toBe(true);
    expect(writer.write(row('m1', '2026-11-20T10:00:02Z'))).toBe(false);
    expect(writer.write(row('m2', '2026-11-20T10:00:03Z', { clientMessageId: 'k1' }))).toBe(false);
    expect(order()).toEqual(['m1']);
  });
});
