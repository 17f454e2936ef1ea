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
import { createEventLog } from '../../../src/hub/store/events';
import { envelope, tempDir } from '../../support/hub';
import { channelDeps, inProcess } from './connector-support';

const open: { db: HubDatabase; dispatcher: CallbackDispatcher }[] = [];

afterEach(async () => {
  for (const { db, dispatcher } of open.splice(0)) {
    dispatcher.stop();
    await dispatcher.idle();
    if (db.open) db.close();
  }
});

/** A hub store whose service publishes to the dispatcher as the hub does: with what it logged. */
async function hubStore(file = ':memory:') {
  const db = openHubDatabase(file);
  const accounts = createAccountRepository(db);
  accounts.saveQueue('support', 'Support');
  accounts.saveIntegration('returns-bot', 'Returns bot', 'token-1', 'support');
  accounts.saveIntegration('web-chat', 'Web chat', 'token-2', 'support');
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
  const handOff = (integrationId: string, envelopeId: string) =>
    service.ingest(envelope({ id: envelopeId }), accounts.integrationById(integrationId)!).conversationId;
  return { db, callbacks, dispatcher, service, handOff };
}

describe('the callback dispatcher when bots have no callback', () => {
  it('queues nothing for handoffs of a bot without a callback, and stores its cursor at the head of the log', async () => {
    const store = await hubStore();
    // Nobody is online: every handoff logs conversation:queued and routing:waiting, a callback type.
    for (let index = 0; index < 20; index += 1) store.handOff('returns-bot', `returns-bot:q-${index}:1`);
    await store.dispatcher.idle();

    expect(store.callbacks.nextDueAt()).toBeNull();
    expect(store.callbacks.cursor()).toBe(store.callbacks.headSeq());
    expect(store.callbacks.headSeq()).toBeGreaterThanOrEqual(40);
  });

  it('tells an in-process integration (a sink) while passing the other bots quietly', async () => {
    const store = await hubStore();
    const seen: BotCallback[] = [];
    store.dispatcher.bindConnector('web-chat', inProcess((callback) => void seen.push(callback)));
    store.handOff('returns-bot', 'returns-bot:s-1:1');
    store.handOff('web-chat', 'web-chat:s-2:1');
    store.handOff('returns-bot', 'returns-bot:s-3:1');
    await store.dispatcher.idle();

    expect(seen.map((callback) => [callback.type, callback.envelopeId])).toEqual([['waiting', 'web-chat:s-2:1']]);
  });

  it('calls back from the first event after a URL is set through another repository (the admin route), not for the events before', async () => {
    const store = await hubStore();
    const quiet = store.handOff('returns-bot', 'returns-bot:u-1:1');
    await store.dispatcher.idle();
    const url = 'http://127.0.0.1:9/warmline';
    createCallbackRepository(store.db).setCallbackUrl('returns-bot', url);
    const told = store.handOff('returns-bot', 'returns-bot:u-2:1');
    await store.dispatcher.idle();

    // Queued, not yet sent (nothing listens on port 9; it is retried later): the outbox is what the bot will be told.
    const queued = store.db.prepare<[], { conversation_id: string; body: string }>('SELECT conversation_id, body FROM callback_deliveries').all();
    expect(queued.map((row) => [row.conversation_id, (JSON.parse(row.body) as BotCallback).type])).toEqual([[told, 'waiting']]);
    expect(queued.map((row) => row.conversation_id)).not.toContain(quiet);
  });

  it('still calls back for an event that was logged but never published, once the next publish shows the gap', async () => {
    const store = await hubStore();
    const seen: string[] = [];
    store.dispatcher.bindConnector('web-chat', inProcess((callback) => void seen.push(`${callback.type}:${callback.envelopeId}`)));
    const id = store.handOff('returns-bot', 'returns-bot:g-1:1');
    await store.dispatcher.idle();
    const chatId = store.handOff('web-chat', 'web-chat:g-2:1');
    await store.dispatcher.idle();
    // Appended behind publishing's back (a path that forgot to publish): the cursor must not jump over it.
    createEventLog(store.db).append({ conversationId: chatId, queue: 'support', at: new Date().toISOString(), body: { type: 'routing:waiting', reason: 'all agents are away' }, audience: [] });
    store.service.abandon(id, 'the customer left');
    await store.dispatcher.idle();

    expect(seen).toEqual(['waiting:web-chat:g-2:1', 'waiting:web-chat:g-2:1']);
    expect(store.callbacks.due(new Date(Date.now() + 3600_000).toISOString(), 10)).toEqual([]);
  });

  it('after a crash queues none twice', async () => {
    const file = join(tempDir(), 'hub.sqlite');
    const first = await hubStore(file);
    createCallbackRepository(first.db).setCallbackUrl('returns-bot', 'http://127.0.0.1:9/warmline');
    first.handOff('returns-bot', 'returns-bot:r-1:1');
    await first.dispatcher.idle();
    for (let index = 0; index < 5; index += 1) first.handOff('web-chat', `web-chat:r-${index}:1`);
    await first.dispatcher.idle();
    const queuedBefore = first.db.prepare('SELECT id FROM callback_deliveries ORDER BY rowid').pluck().all();
    // A crash: no stop.
    first.db.close();
    open.splice(0);

    const second = await hubStore(file);
    expect(second.callbacks.cursor()).toBe(second.callbacks.headSeq());
    expect(second.db.prepare('SELECT id FROM callback_deliveries ORDER BY rowid').pluck().all()).toEqual(queuedBefore);
    expect(queuedBefore).toHaveLength(1);
  });
});
