import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatSessionRepository } from '../../../src/hub/chat/chat-sessions';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { hubMigrations } from '../../../src/hub/store/migrations';
import { tempDir } from '../../support/hub';

const opened: HubDatabase[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const turn = (id: string, text: string) => ({ id, at: '2026-11-20T10:00:00.000Z', author: 'customer', text });

describe('migration 14 on a store whose chats kept their turns inside the session row', () => {
  it('moves the turns to rows in order, keeps the bot state, and the chat goes on appending rows', () => {
    const file = join(tempDir(), 'hub.sqlite');
    const db = new Database(file);
    for (const migration of hubMigrations.filter((each) => each.version < 14)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    const state = { bot: { misunderstood: 1 }, transcript: [turn('t1', 'hello'), turn('t2', 'my router is purple')], handoffs: 0 };
    db.prepare("INSERT INTO chat_sessions (id, token_hash, customer_name, conversation_id, bot_state, created_at) VALUES ('chat_1', 'h', 'Ivy', NULL, ?, '2026-11-20T10:00:00.000Z')").run(JSON.stringify(state));
    db.close();

    const migrated = openHubDatabase(file);
    opened.push(migrated);
    const sessions = createChatSessionRepository(migrated);
    const session = sessions.byId('chat_1')!;
    expect(session.transcript.map((each) => each.text)).toEqual(['hello', 'my router is purple']);
    expect(session.bot).toEqual({ misunderstood: 1 });
    expect(JSON.parse(migrated.prepare<[], { s: string }>("SELECT bot_state AS s FROM chat_sessions WHERE id = 'chat_1'").get()!.s)).toEqual({ bot: { misunderstood: 1 }, handoffs: 0 });

    session.transcript.push(turn('t3', 'still purple') as (typeof session.transcript)[number]);
    sessions.save(session);
    expect(sessions.byId('chat_1')!.transcript.map((each) => each.id)).toEqual(['t1', 't2', 't3']);
  });
});
