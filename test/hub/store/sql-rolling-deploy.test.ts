import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { queueOwner } from '../../../src/hub/lifecycle/transitions';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { createConversationRepository } from '../../../src/hub/store/conversations';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { createFlagRepository } from '../../../src/hub/store/flags';
import { openPostgresStore } from '../../../src/hub/store/postgres-store';
import { createQueueSettingsRepository } from '../../../src/hub/store/queue-settings';
import { StoreSchemaChangedError, StoreUnavailableError } from '../../../src/hub/store/sql/sql';
import { createUserRepository } from '../../../src/hub/store/users';
import { envelope } from '../../support/hub';
import { onPostgres, restartableTestDatabase } from '../../support/test-store';

const backend = onPostgres ? 'PostgreSQL' : 'SQLite';
const AT = '2026-12-08T10:00:00.000Z';
const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const db of opened.splice(0).reverse()) await db.close();
});

/**
 * The replica still running the old version, on one connection so that every statement it runs
 * meets the plan it prepared before the migration (a pool of several hides it half the time).
 */
async function oldReplica(where: { databaseFile?: string; databaseUrl?: string }): Promise<HubDatabase> {
  const db = where.databaseUrl ? await openPostgresStore(where.databaseUrl, { max: 1 }) : await openHubDatabase(where.databaseFile ?? '');
  opened.push(db);
  return db;
}

/** What the new version's migration does from its own connection: add a column to each table. */
async function migrateFromAnotherReplica(where: { databaseFile?: string; databaseUrl?: string }, tables: readonly string[]): Promise<void> {
  const script = tables.map((table) => `ALTER TABLE ${table} ADD COLUMN added_by_next_version TEXT`).join(';\n');
  if (where.databaseUrl) {
    const client = new pg.Client({ connectionString: where.databaseUrl });
    await client.connect();
    try {
      await client.query(script);
    } finally {
      await client.end();
    }
    return;
  }
  const other = new Database(where.databaseFile ?? '');
  try {
    other.exec(script);
  } finally {
    other.close();
  }
}

describe(`a replica of the old version while a new one migrates (${backend})`, () => {
  it('keeps reading and writing conversations, messages, agents, queues and flags after another replica adds a column to each', async () => {
    const where = await restartableTestDatabase();
    const db = await oldReplica(where);
    const accounts = createAccountRepository(db);
    const conversations = createConversationRepository(db);
    const flags = createFlagRepository(db);
    const users = createUserRepository(db);
    const queues = createQueueSettingsRepository(db);
    await accounts.saveQueue('support', 'Support');
    await accounts.saveIntegration('bot', 'Bot', 'token', 'support');
    await accounts.saveUser({ id: 'alex', email: 'alex@example.test', name: 'Alex', role: 'agent', passwordHash: 'x', capacity: 2, queues: ['support'] });
    await conversations.insert({
      id: 'c1',
      integrationId: 'bot',
      state: 'queued',
      queue: 'support',
      owner: queueOwner('support', AT, 'handed off'),
      at: AT,
      envelope: envelope({ id: 'bot:c1' }),
      priority: 3,
      skills: [],
      language: null,
      previousConversationId: null,
    });
    await conversations.update('c1', { state: 'assigned', owner: { kind: 'agent', id: 'alex', name: 'Alex', since: AT, why: 'accepted' }, offer: null, assignedAgentId: 'alex', at: AT });
    await conversations.insertMessage({ id: 'm1', conversationId: 'c1', at: AT, author: 'customer', text: 'my card was charged twice' });
    await flags.insert({ id: 'f1', conversationId: 'c1', raisedBy: { id: 'alex', name: 'Alex' }, message: 'help', at: AT, answer: null });

    const reads = async () => ({
      conversation: await conversations.get('c1'),
      byEnvelope: (await conversations.findByEnvelope('bot', 'bot:c1'))?.id,
      ofAgent: (await conversations.activeForAgent('alex')).map((record) => record.id),
      inQueue: (await conversations.activeInQueue('support')).map((record) => record.id),
      openOffers: (await conversations.openOffers()).map((record) => record.id),
      transcript: (await conversations.view((await conversations.get('c1'))!)).messages.map((message) => message.text),
      agent: await accounts.userById('alex'),
      agentByEmail: (await accounts.userByEmail('alex@example.test'))?.id,
      agents: (await accounts.agentsOfQueue('support')).map((agent) => agent.id),
      queue: await accounts.queue('support'),
      people: (await users.people()).map((person) => person.id),
      queueSettings: await queues.queue('support'),
      flags: await flags.ofConversation('c1'),
    });
    // Every statement is prepared (and on PostgreSQL cached by name on the connection) before the migration.
    const before = await reads();
    expect(before.ofAgent).toEqual(['c1']);
    expect(before.transcript).toEqual(['my card was charged twice']);

    await migrateFromAnotherReplica(where, ['conversations', 'messages', 'users', 'queues', 'flags']);

    expect(await reads()).toEqual(before);
    // Inside a write too, where a failed statement would abort the whole transaction.
    await db.write(async () => {
      expect((await conversations.get('c1'))?.assignedAgentId).toBe('alex');
      await conversations.insertMessage({ id: 'm2', conversationId: 'c1', at: AT, author: 'agent', text: 'refunded' });
    });
    expect((await conversations.view((await conversations.get('c1'))!)).messages.map((message) => message.text)).toEqual(['my card was charged twice', 'refunded']);
  });

  it('re-prepares a `SELECT *` whose result gained a column: a write that met it is a 503 that succeeds when retried, a read runs again at once', async () => {
    const where = await restartableTestDatabase();
    const db = await oldReplica(where);
    await createAccountRepository(db).saveQueue('support', 'Support');
    const inWrite = 'SELECT * FROM queues ORDER BY id';
    const read = 'SELECT * FROM queues WHERE id = ?';
    await db.write(async () => expect(await db.all(inWrite)).toHaveLength(1));
    expect(await db.get<{ name: string }>(read, ['support'])).toMatchObject({ name: 'Support' });

    await migrateFromAnotherReplica(where, ['queues']);

    const rename = () =>
      db.write(async () => {
        const [queue] = await db.all<{ id: string }>(inWrite);
        await db.run('UPDATE queues SET name = ? WHERE id = ?', ['Support desk', queue?.id ?? '']);
      });
    if (onPostgres) {
      // The transaction is aborted by then: nothing of it is kept, and the route answers 503 with Retry-After.
      const error = await rename().then(() => null, (failed: unknown) => failed);
      expect(error).toBeInstanceOf(StoreSchemaChangedError);
      expect(error).toBeInstanceOf(StoreUnavailableError);
    }
    await rename();
    expect(await db.get<{ name: string; added_by_next_version: null }>(read, ['support'])).toMatchObject({ name: 'Support desk', added_by_next_version: null });
  });
});
