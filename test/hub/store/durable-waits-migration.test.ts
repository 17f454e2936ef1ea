import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationState } from '../../../src/shared/conversation';
import { queueOwner } from '../../../src/hub/lifecycle/transitions';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { createConversationRepository } from '../../../src/hub/store/conversations';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { createEventLog } from '../../../src/hub/store/events';
import { hubMigrations } from '../../../src/hub/store/migrations';
import { envelope } from '../../support/hub';

const dirs: string[] = [];
const open: HubDatabase[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const AT = '2026-11-20T10:00:00.000Z';

/** A store at schema 8 whose log told waiting reasons, as a hub before migration 9 left it. */
function storeBeforeMigration9(file: string): void {
  const db = new Database(file);
  for (const migration of hubMigrations.filter((each) => each.version < 9)) {
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
  }
  createAccountRepository(db).saveQueue('support', 'Support');
  createAccountRepository(db).saveIntegration('demo', 'Demo bot', 'token', 'support');
  const conversations = createConversationRepository(db);
  const events = createEventLog(db);
  const conversation = (id: string, state: ConversationState) =>
    conversations.insert({ id, integrationId: 'demo', state, queue: 'support', owner: queueOwner('support', AT, 'handed off'), at: AT, envelope: envelope({ id: `bot:${id}` }), priority: 3, skills: [], language: null, previousConversationId: null });
  const waiting = (id: string, reason: string) => events.append({ conversationId: id, queue: 'support', at: AT, body: { type: 'routing:waiting', reason }, audience: [] });
  conversation('waits', 'queued');
  waiting('waits', 'nobody is online');
  waiting('waits', 'all agents are full');
  // Accepted once, then back in the queue: only what was told since counts, as in memory.
  conversation('back', 'queued');
  waiting('back', 'nobody is online');
  events.append({ conversationId: 'back', queue: 'support', at: AT, body: { type: 'conversation:assigned', conversation: conversations.view(conversations.get('back')!) }, audience: [] });
  waiting('back', 'no agent speaking de is available');
  conversation('closed', 'resolved');
  waiting('closed', 'nobody is online');
  db.close();
}

describe('migration 9 on a hub store that already told waiting reasons', () => {
  it('remembers the reasons told to conversations still waiting since they last entered routing, and no others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warmline-durable-waits-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    storeBeforeMigration9(file);
    const db = openHubDatabase(file);
    open.push(db);
    expect(db.prepare('SELECT conversation_id, reason FROM waiting_reasons_told ORDER BY conversation_id, reason').all()).toEqual([
      { conversation_id: 'back', reason: 'no agent speaking de is available' },
      { conversation_id: 'waits', reason: 'all agents are full' },
      { conversation_id: 'waits', reason: 'nobody is online' },
    ]);
    expect(db.prepare('SELECT count(*) AS left FROM chat_sessions WHERE left_at IS NOT NULL').get()).toEqual({ left: 0 });
  });
});
