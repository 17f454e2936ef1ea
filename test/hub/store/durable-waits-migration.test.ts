import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationState } from '../../../src/shared/conversation';
import { queueOwner } from '../../../src/hub/lifecycle/transitions';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { hubMigrations } from '../../../src/hub/store/migrations';
import { envelope } from '../../support/hub';
import { onPostgres } from '../../support/test-store';

const dirs: string[] = [];
const open: HubDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
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
  // Raw SQL as schema 8 had it: today's repositories prepare statements over later columns.
  db.prepare(`INSERT INTO queues (id, name, required_skills, language) VALUES ('support', 'Support', '[]', NULL)`).run();
  db.prepare(`INSERT INTO integrations (id, name, token_hash, default_queue, signing_secret) VALUES ('demo', 'Demo bot', 'hash', 'support', NULL)`).run();
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, integration_id, envelope_id, state, queue, owner, offer, offered_agent_id,
       assigned_agent_id, created_at, updated_at, envelope, priority, skills, language, previous_conversation_id)
     VALUES (?, 'demo', ?, ?, 'support', ?, NULL, NULL, NULL, ?, ?, ?, 3, '[]', NULL, NULL)`,
  );
  const appendEvent = db.prepare('INSERT INTO events (at, conversation_id, type, queue, body) VALUES (?, ?, ?, ?, ?)');
  const conversation = (id: string, state: ConversationState) =>
    insertConversation.run(id, `bot:${id}`, state, JSON.stringify(queueOwner('support', AT, 'handed off')), AT, AT, JSON.stringify(envelope({ id: `bot:${id}` })));
  const log = (id: string, body: { type: string } & Record<string, unknown>) => appendEvent.run(AT, id, body.type, 'support', JSON.stringify(body));
  const waiting = (id: string, reason: string) => log(id, { type: 'routing:waiting', reason });
  conversation('waits', 'queued');
  waiting('waits', 'nobody is online');
  waiting('waits', 'all agents are full');
  // Accepted once, then back in the queue: only what was told since counts, as in memory.
  conversation('back', 'queued');
  waiting('back', 'nobody is online');
  log('back', { type: 'conversation:assigned' });
  waiting('back', 'no agent speaking de is available');
  conversation('closed', 'resolved');
  waiting('closed', 'nobody is online');
  db.close();
}

// An upgrade of an old SQLite file: the PostgreSQL store starts from its own baseline.
describe.skipIf(onPostgres)('migration 9 on a SQLite hub store that already told waiting reasons (SQLite file only)', () => {
  it('remembers the reasons told to conversations still waiting since they last entered routing, and no others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warmline-durable-waits-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    storeBeforeMigration9(file);
    const db = await openHubDatabase(file);
    open.push(db);
    expect(await db.all('SELECT conversation_id, reason FROM waiting_reasons_told ORDER BY conversation_id, reason')).toEqual([
      { conversation_id: 'back', reason: 'no agent speaking de is available' },
      { conversation_id: 'waits', reason: 'all agents are full' },
      { conversation_id: 'waits', reason: 'nobody is online' },
    ]);
    expect(await db.get('SELECT count(*) AS left_count FROM chat_sessions WHERE left_at IS NOT NULL')).toEqual({ left_count: 0 });
  });
});
