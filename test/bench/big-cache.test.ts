import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBigCache, TURNS_PER_CONVERSATION } from '../../bench/lib/big-cache';
import { createTurnWriter } from '../../src/main/cache/turn-writer';
import { tempDir } from '../../bench/lib/hub-fixture';

describe('the big cache the search and start-up figures read', () => {
  const dir = tempDir('warmline-test-big-');
  const cache = buildBigCache(dir, 2_000 + 10);
  const db = new Database(cache.file);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every asked-for turn, the last conversation cut short', () => {
    expect(cache.messages).toBe(2_010);
    expect(cache.conversations).toBe(Math.ceil(2_010 / TURNS_PER_CONVERSATION));
    expect(db.prepare('SELECT count(*) FROM turns').pluck().get()).toBe(2_010);
  });

  it('has a full-text index that agrees with the rows, built once after them', () => {
    // integrity-check with rank 1 compares the index with the content table row by row.
    expect(() => db.exec("INSERT INTO turns_fts (turns_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    const word = cache.sentences.searchTerms.common.trim();
    const indexed = db.prepare('SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?').pluck().get(`"${word}"`);
    const scanned = db.prepare("SELECT count(*) FROM turns WHERE (' ' || lower(text) || ' ') GLOB ?").pluck().get(`*[^a-z]${word}[^a-z]*`);
    expect(indexed).toBeGreaterThan(0);
    expect(indexed).toBe(scanned);
  });

  it('is left as the app leaves it: WAL, and later writes through the turn writer are indexed', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const writer = createTurnWriter(db);
    db.transaction(() =>
      writer.write({ conversationId: 'c_bench_0', turnId: 'late', at: '2025-01-01T00:00:00Z', author: 'agent', authorName: null, text: 'zyzzyva', isMessage: true, clientMessageId: null, visibility: null }),
    )();
    expect(db.prepare("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH 'zyzzyva'").pluck().get()).toBe(1);
  });
});
