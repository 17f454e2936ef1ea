import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/create-core';
import { conversationView } from '../cache/fixtures/conversations';
import { agent, coreOn, fakeHub, otherAgent, seedCache } from './core-with-cache';

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

/** Reads the cache file from outside the core, as anyone with the disk would. */
function rowsIn(dataDir: string) {
  const db = new Database(join(dataDir, 'cache.sqlite'), { readonly: true });
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const counts = { conversations: count('conversations'), turns: count('turns'), outbox: count('outbox'), profile: count('profile') };
  const fts = db.prepare("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH 'boots'").pluck().get() as number;
  db.close();
  return { ...counts, fts };
}

const HUB = 'http://127.0.0.1:9';

describe('clearing local data', () => {
  it('signs out and removes every conversation, turn, search entry, outbox message and the profile', async () => {
    const dataDir = seedCache([conversationView({ id: 'c-1' }), conversationView({ id: 'c-2' })], { user: agent, hubUrl: HUB, token: 'tok' });
    const hub = fakeHub([agent]);
    core = coreOn(dataDir, { createHttpClient: () => hub.client });
    core.reply('c-1', 'written before the wipe');
    expect(rowsIn(dataDir)).toMatchObject({ conversations: 2, outbox: 1, profile: 1 });

    const session = await core.clearData();
    expect(session.user).toBeNull();
    expect(session.connection.status).toBe('signed-out');
    expect(hub.signedOut).toEqual(['tok']);
    expect(rowsIn(dataDir)).toEqual({ conversations: 0, turns: 0, outbox: 0, profile: 0, fts: 0 });
    expect(core.list()).toEqual([]);
    expect(await core.searchHistory({ query: 'boots' })).toEqual([]);
  });

  it('keeps the cache on sign-out, for the same user to find again', async () => {
    const dataDir = seedCache([conversationView({ id: 'c-1' })]);
    const hub = fakeHub([agent]);
    core = coreOn(dataDir, { createHttpClient: () => hub.client });
    await core.signIn({ email: agent.email, password: 'pw' });
    const signedOut = await core.signOut();
    expect(signedOut.user).toBeNull();
    expect(core.list().map((item) => item.id)).toEqual(['c-1']);
    core.close();

    // A restart after sign-out stays signed out: the kept profile row has no token.
    core = coreOn(dataDir, { createHttpClient: () => hub.client });
    expect(core.session().user).toBeNull();
    await core.signIn({ email: agent.email, password: 'pw' });
    expect(core.list().map((item) => item.id)).toEqual(['c-1']);
  });

  it('wipes the previous user’s conversations before a different user signs in on the same workstation', async () => {
    const dataDir = seedCache([conversationView({ id: 'c-1' })]);
    const hub = fakeHub([agent, otherAgent]);
    core = coreOn(dataDir, { createHttpClient: () => hub.client });
    await core.signIn({ email: agent.email, password: 'pw' });
    await core.signOut();

    const session = await core.signIn({ email: otherAgent.email, password: 'pw' });
    expect(session.user?.id).toBe(otherAgent.id);
    expect(core.list()).toEqual([]);
    expect(await core.searchHistory({ query: 'boots' })).toEqual([]);
    expect(rowsIn(dataDir)).toMatchObject({ conversations: 0, turns: 0, profile: 1 });
  });

  it('wipes the cache when the same account name signs in to a different hub', async () => {
    const dataDir = seedCache([conversationView({ id: 'c-1' })], { user: agent, hubUrl: 'http://hub-a.example:4700', token: '' });
    const hub = fakeHub([agent]);
    core = coreOn(dataDir, { createHttpClient: () => hub.client });
    await core.signIn({ email: agent.email, password: 'pw', hubUrl: 'http://hub-b.example:4700' });
    expect(core.list()).toEqual([]);
  });
});
