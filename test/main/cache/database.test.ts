import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheTooNewError, openCache } from '../../../src/main/cache/database';
import { runMigrations } from '../../../src/main/cache/migrate';
import { migrations } from '../../../src/main/cache/migrations';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { conversationView } from './fixtures/conversations';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('openCache', () => {
  let dir: string;
  let previousUmask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warmline-cache-'));
    // A permissive umask must not leak into the cache's permissions.
    previousUmask = process.umask(0o000);
  });
  afterEach(() => {
    process.umask(previousUmask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a new cache to the latest schema and records it in user_version', () => {
    const db = openCache(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['conversations', 'turns', 'turns_fts', 'outbox', 'profile', 'sync_state']));
    db.close();
  });

  it('opens the file in WAL mode with foreign keys and a busy timeout', () => {
    const db = openCache(join(dir, 'cache.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('creates the folder, the file and its -wal and -shm readable only by the user', () => {
    const file = join(dir, 'nested', 'profile', 'cache.db');
    const db = openCache(file);
    createConversationRepository(db).save(conversationView({ id: 'c1' }));
    expect(modeOf(join(dir, 'nested', 'profile'))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    expect(modeOf(`${file}-shm`)).toBe(0o600);
    db.close();
  });

  it('keeps what was written across a reopen', () => {
    const file = join(dir, 'cache.db');
    const first = openCache(file);
    createConversationRepository(first).save(conversationView({ id: 'c1' }));
    first.close();
    const second = openCache(file);
    expect(createConversationRepository(second).get('c1')?.envelope.customer.name).toBe('Maria Okafor');
    second.close();
  });

  it('refuses a cache written by a newer version and leaves it untouched', () => {
    const file = join(dir, 'cache.db');
    const future = new Database(file);
    future.pragma(`user_version = ${migrations.length + 1}`);
    future.close();

    expect(() => openCache(file)).toThrow(CacheTooNewError);
    expect(() => openCache(file)).toThrow(/newer version of Warmline/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'conversations'").pluck().get()).toBe(0);
    check.close();
  });

  it('opens an up-to-date cache read-only and refuses writes through it', () => {
    const file = join(dir, 'cache.db');
    openCache(file).close();
    const reader = openCache(file, { readonly: true });
    expect(() => createConversationRepository(reader).save(conversationView({ id: 'c1' }))).toThrow(/readonly/);
    reader.close();
  });
});

describe('runMigrations', () => {
  it('rolls back a failing migration together with its user_version', () => {
    const db = new Database(':memory:');
    const failing = [
      ...migrations,
      {
        version: migrations.length + 1,
        up(target: Database.Database) {
          target.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          throw new Error('disk full');
        },
      },
    ];
    expect(() => runMigrations(db, failing)).toThrow('disk full');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a migration list with a gap in its versions', () => {
    const db = new Database(':memory:');
    expect(() => runMigrations(db, [{ version: 2, up() {} }])).toThrow(/numbered 1..n/);
    db.close();
  });
});
