import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { createOutboxRepository } from '../../../src/main/cache/outbox';
import { createProfileRepository } from '../../../src/main/cache/profile';
import { clearAll, purgeExpired } from '../../../src/main/cache/retention';
import { createSearchRepository } from '../../../src/main/cache/search';
import { conversationView, message } from './fixtures/conversations';

const ftsIsConsistent = (db: Database.Database) => {
  // FTS5 checks its index against the content table and throws on any difference.
  db.prepare("INSERT INTO turns_fts (turns_fts, rank) VALUES ('integrity-check', 1)").run();
  return true;
};

describe('retention', () => {
  let db: Database.Database;
  let conversations: ReturnType<typeof createConversationRepository>;
  let search: ReturnType<typeof createSearchRepository>['search'];
  beforeEach(() => {
    db = openCache(':memory:');
    conversations = createConversationRepository(db);
    search = createSearchRepository(db).search;
    conversations.save(conversationView({ id: 'old', updatedAt: '2026-09-01T00:00:00Z' }));
    conversations.addMessage(message('old', 'm-old', '2026-09-01T00:00:00Z', { text: 'zebra crossing' }));
    conversations.save(conversationView({ id: 'recent', updatedAt: '2026-11-20T00:00:00Z' }));
  });
  afterEach(() => db.close());

  it('purges conversations not updated since the cutoff, with their turns and search entries', () => {
    expect(search('zebra')).toHaveLength(1);
    expect(purgeExpired(db, new Date('2026-10-01T00:00:00Z'))).toBe(1);
    expect(conversations.get('old')).toBeNull();
    expect(conversations.get('recent')).not.toBeNull();
    expect(search('zebra')).toEqual([]);
    expect(search('boots').map((hit) => hit.conversationId)).toEqual(['recent']);
    expect(db.prepare("SELECT count(*) FROM turns WHERE conversation_id = 'old'").pluck().get()).toBe(0);
    expect(ftsIsConsistent(db)).toBe(true);
  });

  it('keeps an expired conversation whose outbox still holds an undelivered message', () => {
    createOutboxRepository(db).enqueue(message('old', 'draft', '2026-09-01T00:01:00Z', { author: 'agent', clientMessageId: 'k1' }));
    expect(purgeExpired(db, new Date('2026-10-01T00:00:00Z'))).toBe(0);
    expect(conversations.get('old')).not.toBeNull();
  });

  it('clears every conversation, search entry, outbox message, the profile and the cursor', () => {
    const profiles = createProfileRepository(db);
    profiles.save({ user: { id: 'u1', email: 'a@b', name: 'A', role: 'agent', queues: [] }, hubUrl: 'http://h', token: 't' });
    profiles.setLastSeq(9);
    createOutboxRepository(db).enqueue(message('recent', 'draft', '2026-11-20T00:01:00Z', { author: 'agent', clientMessageId: 'k1' }));

    clearAll(db);
    expect(conversations.count()).toBe(0);
    expect(search('boots')).toEqual([]);
    expect(createOutboxRepository(db).pending()).toEqual([]);
    expect(profiles.get()).toBeNull();
    expect(profiles.lastSeq()).toBe(0);
    expect(ftsIsConsistent(db)).toBe(true);
    // The cache still works afterwards.
    conversations.save(conversationView({ id: 'again' }));
    expect(search('boots').map((hit) => hit.conversationId)).toEqual(['again']);
  });
});

describe('clearAll on a file', () => {
  it('leaves neither the text in the database file nor a filled -wal behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warmline-clear-'));
    try {
      const file = join(dir, 'cache.db');
      const db = openCache(file);
      const conversations = createConversationRepository(db);
      for (let i = 0; i < 200; i += 1) conversations.save(conversationView({ id: `c${i}` }));
      clearAll(db);
      expect(statSync(`${file}-wal`).size).toBe(0);
      db.close();
      expect(readFileSync(file).includes('Maria Okafor')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
