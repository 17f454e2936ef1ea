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
  /** One turn in its own transaction, as addMessage writes one. */
  const put = (turn: TurnRow): boolean => db.transaction(() => writer.write(turn))();
  const found = (word: string) => db.prepare('SELECT rowid FROM turns_fts WHERE turns_fts MATCH ? ORDER BY rowid').pluck().all(word);
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
    put(row('late', '2026-11-20T10:00:09Z'));
    put(row('early', at));
    expect(seqs()).toEqual([
      { turn_id: 'early', seq: toMillis(at) * SLOTS_PER_MS },
      { turn_id: 'late', seq: toMillis('2026-11-20T10:00:09Z') * SLOTS_PER_MS },
    ]);
  });

  it('puts turns of the same millisecond in the order they were written, after those already there', () => {
    const at = '2026-11-20T10:00:00Z';
    db.transaction(() => ['a', 'b'].forEach((id) => writer.write(row(id, at))))();
    put(row('next-second', '2026-11-20T10:00:01Z'));
    put(row('c', at));
    expect(order()).toEqual(['a', 'b', 'c', 'next-second']);
    expect(seqs()[2]?.seq).toBe(toMillis(at) * SLOTS_PER_MS + 2);
  });

  it('past a full millisecond of slots, stores a turn after everything stored later, keeping insertion order', () => {
    const at = '2026-11-20T10:00:00Z';
    db.transaction(() => {
      for (let i = 0; i < SLOTS_PER_MS; i += 1) writer.write(row(`bulk-${i}`, at));
    })();
    put(row('later', '2026-11-20T10:00:00.001Z'));
    put(row('overflow', at));
    const ids = order();
    expect(ids).toHaveLength(SLOTS_PER_MS + 2);
    expect(ids.slice(-2)).toEqual(['later', 'overflow']);
    expect(ids.slice(0, 3)).toEqual(['bulk-0', 'bulk-1', 'bulk-2']);
  });

  it('stores a turn once by id and once by clientMessageId, and says whether it stored it', () => {
    expect(put(row('m1', '2026-11-20T10:00:00Z', { clientMessageId: 'k1', text: 'parcel' }))).toBe(true);
    expect(put(row('m1', '2026-11-20T10:00:02Z', { text: 'parcel' }))).toBe(false);
    expect(put(row('m2', '2026-11-20T10:00:03Z', { clientMessageId: 'k1', text: 'parcel' }))).toBe(false);
    expect(order()).toEqual(['m1']);
    // A turn refused as a duplicate adds nothing to the search index either.
    expect(found('parcel')).toEqual([seqs()[0]?.seq]);
  });

  it('indexes every turn it stores for search under the turn\'s seq, within the same transaction', () => {
    db.transaction(() => {
      writer.write(row('a', '2026-11-20T10:00:00Z', { text: 'Where is my parcel?' }));
      writer.write(row('b', '2026-11-20T10:00:00Z', { text: 'Your parcel left the depot' }));
      writer.write(row('c', '2026-11-20T10:00:01Z', { text: 'Thank you' }));
    })();
    expect(found('parcel')).toEqual(seqs().slice(0, 2).map((r) => r.seq));
    expect(found('thank')).toEqual([seqs()[2]?.seq]);
    expect(() => db.exec("INSERT INTO turns_fts (turns_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });

  it('refuses to write outside a transaction, where a crash could keep a turn out of the index', () => {
    expect(() => writer.write(row('m1', '2026-11-20T10:00:00Z'))).toThrow(/inside a transaction/);
    expect(order()).toEqual([]);
  });
});
