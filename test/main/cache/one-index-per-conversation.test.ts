import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { runMigrations } from '../../../src/main/cache/migrate';
import { migrations } from '../../../src/main/cache/migrations';
import { conversationView, message } from './fixtures/conversations';

describe('migration 005: one index per conversation', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warmline-cache-005-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades a schema-4 cache without turns_in_order, and its list and transcripts read as before', () => {
    const file = join(dir, 'cache.sqlite');
    const old = new Database(file);
    runMigrations(old, migrations.slice(0, 4));
    // Today's repository also writes turns' attachments (migration 007): the column exists only while it writes.
    old.exec('ALTER TABLE turns ADD COLUMN attachments TEXT');
    // And reads delivery states (migration 008) in its list: the table exists only while it writes.
    old.exec('CREATE TABLE message_delivery (conversation_id TEXT, message_id TEXT, delivery TEXT)');
    createConversationRepository(old).save(
      conversationView({ id: 'c1', messages: [message('c1', 'm1', '2026-11-20T10:13:00Z', { text: 'Still waiting' })] }),
    );
    old.exec('ALTER TABLE turns DROP COLUMN attachments');
    old.exec('DROP TABLE message_delivery');
    old.close();

    const db = openCache(file);
    try {
      const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'turns'").pluck().all();
      expect(indexes).not.toContain('turns_in_order');
      expect(indexes).toContain('turns_by_id');
      const conversations = createConversationRepository(db);
      conversations.addMessage(message('c1', 'm0', '2026-11-20T10:12:30Z', { text: 'Earlier' }));
      expect(conversations.item('c1')?.lastMessage).toBe('Still waiting');
      expect(conversations.get('c1')?.messages.map((m) => m.id)).toEqual(['m0', 'm1']);
      expect(conversations.get('c1')?.envelope.transcript.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    } finally {
      db.close();
    }
  });
});
