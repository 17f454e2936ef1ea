import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatSessionRepository } from '../../../src/hub/chat/chat-sessions';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { hubMigrations } from '../../../src/hub/store/migrations';
import { tempDir } from '../../support/hub';
import { onPostgres } from '../../support/test-store';

const opened: HubDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

const turn = (id: string, text: string) => ({ id, at: '2026-11-20T10:00:00.000Z', author: 'customer', text });

// An upgrade of an old SQLite file: the PostgreSQL store starts from its own baseline.
describe.skipIf(onPostgres)('migration 14 on a SQLite store whose chats kept their turns inside the session row (SQLite file only)', () => {
  it('moves the turns to rows in order, keeps the bot state, and the chat goes on appending rows', async () => {
    const file = join(tempDir(), 'hub.sqlite');
    const db = new Database(file);
    for (const migration of hubMigrations.filter((each) => each.version < 14)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    const state = { bot: { misunderstood: 1 }, transcript: [turn('t1', 'hello'), turn('t2', 'my router is purple')], handoffs: 0 };
    db.prepare("INSERT INTO chat_sessions (id, token_hash, customer_name, conversation_id, bot_state, created_at) VALUES ('chat_1', 'h', 'Ivy', NULL, ?, '2026-11-20T10:00:00.000Z')").run(JSON.stringify(state));
    db.close();

    const migrated = await openHubDatabase(file);
    opened.push(migrated);
    const sessions = createChatSessionRepository(migrated);
    const session = (await sessions.byId('chat_1'))!;
    expect(session.transcript.map((each) => each.text)).toEqual(['hello', 'my router is purple']);
    expect(session.bot).toEqual({ misunderstood: 1 });
    expect(JSON.parse((await migrated.get<{ s: string }>("SELECT bot_state AS s FROM chat_sessions WHERE id = 'chat_1'"))!.s)).toEqual({ bot: { misunderstood: 1 }, handoffs: 0 });

    session.transcript.push(turn('t3', 'still purple') as (typeof session.transcript)[number]);
    await sessions.save(session);
    expect((await sessions.byId('chat_1'))!.transcript.map((each) => each.id)).toEqual(['t1', 't2', 't3']);
  });
});
