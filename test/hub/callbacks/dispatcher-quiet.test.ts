import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotCallback } from '../../../src/shared/protocol';
import { createCallbackDispatcher, type CallbackDispatcher } from '../../../src/hub/callbacks/dispatcher';
import { createConversationService } from '../../../src/hub/services/conversations';
import { createPresence } from '../../../src/hub/services/presence';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { createCallbackRepository } from '../../../src/hub/store/callbacks';
import { createConversationRepository } from '../../../src/hub/store/conversations';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { openTestStore } from '../../support/test-store';
import { createEventLog, type NewEvent } from '../../../src/hub/store/events';
import { envelope, tempDir } from '../../support/hub';
import { channelDeps, inProcess } from './connector-support';

const open: { db: HubDatabase; dispatcher: CallbackDispatcher }[] = [];

afterEach(async () => {
  for (const { db, dispatcher } of open.splice(0)) {
    await dispatcher.stop();
    await dispatcher.idle();
    await db.close();
  }
});

/** A hub store (the suite's backend, or a SQLite file) whose service publishes to the dispatcher as the hub does. */
async function hubStore(file?: string) {
  const db = file ? await openHubDatabase(file) : await openTestStore();
  const accounts = createAccountRepository(db);
  await accounts.saveQueue('support', 'Support');
  await accounts.saveIntegration('returns-bot', 'Returns bot', 'token-1', 'support');
  await accounts.saveIntegration('web-chat', 'Web chat', 'token-2', 'support');
  const callbacks = createCallbackRepository(db);
  const conversations = createConversationRepository(db);
  const dispatcher = createCallbackDispatcher({
    db,
    repository: callbacks,
    ...channelDeps(db, conversations),
    integrationById: (id) => accounts.integrationById(id),
    now: () => new Date(),
  });
  const service = createConversationService({
    db,
    accounts,
    conversations,
    events: createEventLog(db),
    presence: createPresence(() => Date.now()),
    now: () => new Date(),
    offerTimeoutMs: null,
    publish: (logged) => dispatcher.wake(logged),
  });
  open.push({ db, dispatcher });
  // The hub wakes it once when ready: the pass that loads the cursor.
  dispatcher.wake();
  await dispatcher.idle();
  const handOff = async (integrationId: string, envelopeId: string) =>
    (await service.ingest(envelope({ id: envelopeId }), (await accounts.integrationById(integrationId))!)).conversationId;
  return { db, callbacks, dispatcher, service, handOff };
}

describe('the callback dispatcher when bots have no callback', () => {
  it('queues nothing for handoffs of a bot without a callback, and stores its cursor at the head of the log', async () => {
    const store = await hubStore();
    // Nobody is online: every handoff logs conversation:queued and routing:waiting, a callback type.
    for (let index = 0; index < 20; index += 1) await store.handOff('returns-bot', `returns-bot:q-${index}:1`);
    await store.dispatcher.idle();

    expect(await store.callbacks.nextDueAt()).toBeNull();
    expect(await store.callbacks.cursor()).toBe(await store.callbacks.headSeq());
    expect(await store.callbacks.headSeq()).toBeGreaterThanOrEqual(40);
  });

  it('tells an in-process integration (a sink) while passing the other bots quietly', async () => {
    const store = await hubStore();
    const seen: BotCallback[] = [];
    store.dispatcher.bindConnector('web-chat', inProcess((callback) => void seen.push(callback)));
    await store.handOff('returns-bot', 'returns-bot:s-1:1');
    await store.handOff('web-chat', 'web-chat:s-2:1');
    await store.handOff('returns-bot', 'returns-bot:s-3:1');
    await store.dispatcher.idle();

    expect(seen.map((callback) => [callback.type, callback.envelopeId])).toEqual([['waiting', 'web-chat:s-2:1']]);
  });

  it('calls back from the first event after a URL is set through another repository (the admin route), not for the events before', async () => {
    const store = await hubStore();
    const quiet = await store.handOff('returns-bot', 'returns-bot:u-1:1');
    await store.dispatcher.idle();
    const url = 'http://127.0.0.1:9/warmline';
    await createCallbackRepository(store.db).setCallbackUrl('returns-bot', url);
    const told = await store.handOff('returns-bot', 'returns-bot:u-2:1');
    await store.dispatcher.idle();

    // Queued, not yet sent (nothing listens on port 9; it is retried later): the outbox is what the bot will be told.
    const queued = await store.db.all<{ conversation_id: string; body: string }>('SELECT conversation_id, body FROM callback_deliveries');
    expect(queued.map((row) => [row.conversation_id, (JSON.parse(row.body) as BotCallback).type])).toEqual([[told, 'waiting']]);
    expect(queued.map((row) => row.conversation_id)).not.toContain(quiet);
  });

  it('still calls back for an event that was logged but never published, once the next publish shows the gap', async () => {
    const store = await hubStore();
    const seen: string[] = [];
    store.dispatcher.bindConnector('web-chat', inProcess((callback) => void seen.push(`${callback.type}:${callback.envelopeId}`)));
    const id = await store.handOff('returns-bot', 'returns-bot:g-1:1');
    await store.dispatcher.idle();
    const chatId = await store.handOff('web-chat', 'web-chat:g-2:1');
    await store.dispatcher.idle();
    // Appended behind publishing's back (a path that forgot to publish): the cursor must not jump over it.
    const event: NewEvent = { conversationId: chatId, queue: 'support', at: new Date().toISOString(), body: { type: 'routing:waiting', reason: 'all agents are away' }, audience: [] };
    await store.db.write(() => createEventLog(store.db).append(event));
    await store.service.abandon(id, 'the customer left');
    await store.dispatcher.idle();

    expect(seen).toEqual(['waiting:web-chat:g-2:1', 'waiting:web-chat:g-2:1']);
    expect(await store.callbacks.due(new Date(Date.now() + 3600_000).toISOString(), 10)).toEqual([]);
  });

  it('after a crash queues none twice (a SQLite file, reopened)', async () => {
    const file = join(tempDir(), 'hub.sqlite');
    const first = await hubStore(file);
    await createCallbackRepository(first.db).setCallbackUrl('returns-bot', 'http://127.0.0.1:9/warmline');
    await first.handOff('returns-bot', 'returns-bot:r-1:1');
    await first.dispatcher.idle();
    for (let index = 0; index < 5; index += 1) await first.handOff('web-chat', `web-chat:r-${index}:1`);
    await first.dispatcher.idle();
    const queuedIds = async (db: HubDatabase) => (await db.all<{ id: string }>('SELECT id FROM callback_deliveries ORDER BY id')).map((row) => row.id);
    const queuedBefore = await queuedIds(first.db);
    // A crash: no stop.
    await first.db.close();
    open.splice(0);

    const second = await hubStore(file);
    expect(await second.callbacks.cursor()).toBe(await second.callbacks.headSeq());
    expect(await queuedIds(second.db)).toEqual(queuedBefore);
    expect(queuedBefore).toHaveLength(1);
  });
});
