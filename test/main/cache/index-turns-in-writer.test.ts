import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { runMigrations } from '../../../src/main/cache/migrate';
import { migrations } from '../../../src/main/cache/migrations';
import { SLOTS_PER_MS, toMillis } from '../../../src/main/cache/turn-writer';
import { conversationView, message } from './fixtures/conversations';

const OLD_TURN_AT = '2026-11-20T10:12:30Z';

describe('migration 006: the turn writer indexes turns instead of a trigger', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warmline-cache-006-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades a schema-5 cache: turns indexed by the old trigger stay found, new ones are indexed once, deletes still unindex', () => {
    const file = join(dir, 'cache.sqlite');
    const old = new Database(file);
    runMigrations(old, migrations.slice(0, 5));
    const view = conversationView({ id: 'c1' });
    // Today's repository also writes turns' attachments (migration 007): the column exists only while it writes.
    old.exec('ALTER TABLE turns ADD COLUMN attachments TEXT');
    // And reads delivery states (migration 008) in its list: the table exists only while it writes.
    old.exec('CREATE TABLE message_delivery (conversation_id TEXT, message_id TEXT, delivery TEXT)');
    createConversationRepository(old).save({ ...view, envelope: { ...view.envelope, transcript: [] } });
    old.exec('ALTER TABLE turns DROP COLUMN attachments');
    old.exec('DROP TABLE message_delivery');
    // What schema 5 did for every turn: a plain INSERT, indexed by turns_fts_insert.
    old
      .prepare('INSERT INTO turns (seq, conversation_id, turn_id, at, at_ms, author, text, is_message) VALUES (?, ?, ?, ?, ?, ?, ?, 1)')
      .run(toMillis(OLD_TURN_AT) * SLOTS_PER_MS, 'c1', 'm-old', OLD_TURN_AT, toMillis(OLD_TURN_AT), 'customer', 'my parcel never came');
    old.close();

    const db = openCache(file);
    try {
      const triggers = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'turns'").pluck().all();
      expect(triggers).toEqual(expect.arrayContaining(['turns_fts_delete', 'turns_fts_update']));
      expect(triggers).not.toContain('turns_fts_insert');

      const conversations = createConversationRepository(db);
      expect(conversations.addMessage(message('c1', 'm-new', '2026-11-20T10:13:00Z', { text: 'the parcel is here now' }))).toBe(true);
      const matches = (word: string) => db.prepare('SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?').pluck().get(word);
      expect(matches('parcel')).toBe(2);
      expect(() => db.exec("INSERT INTO turns_fts (turns_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();

      db.prepare("DELETE FROM turns WHERE turn_id = 'm-old'").run();
      expect(matches('parcel')).toBe(1);
      expect(matches('came')).toBe(0);
    } finally {
      db.close();
    }
  });
});
