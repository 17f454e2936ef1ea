import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BotCallback, HubEventBody } from '../../../src/shared/protocol';
import { createCallbackDispatcher, type CallbackDispatcher } from '../../../src/hub/callbacks/dispatcher';
import { checkSignature, newWebhookSecret } from '../../../src/hub/auth/webhook-signature';
import { createConversationService } from '../../../src/hub/services/conversations';
import { createPresence } from '../../../src/hub/services/presence';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { createCallbackRepository } from '../../../src/hub/store/callbacks';
import { createConversationRepository } from '../../../src/hub/store/conversations';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { openTestStore } from '../../support/test-store';
import { createEventLog } from '../../../src/hub/store/events';
import { envelope, tempDir } from '../../support/hub';
import { channelDeps, inProcess } from './connector-support';

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  callback: BotCallback;
}

/** A bot's callback endpoint: answers with the next status in `answers` (then 200). */
async function botEndpoint(answers: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, raw, callback: JSON.parse(raw) as BotCallback });
      response.statusCode = answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/warmline`;
  return { received, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const SECRET = newWebhookSecret();
const open: { db: HubDatabase; dispatcher: CallbackDispatcher }[] = [];
const endpoints: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const { db, dispatcher } of open.splice(0)) {
    await dispatcher.stop();
    await dispatcher.idle();
    await db.close();
  }
  for (const endpoint of endpoints.splice(0)) await endpoint.close();
});

/** A hub store (the suite's backend, or a SQLite file) with its dispatcher and a service publishing to it. */
async function hubStore(file?: string, options: { backoffMs?: () => number; maxAttempts?: number } = {}) {
  const db = file ? await openHubDatabase(file) : await openTestStore();
  const accounts = createAccountRepository(db);
  await accounts.saveQueue('support', 'Support');
  await accounts.saveIntegration('returns-bot', 'Returns bot', 'token-1', 'support', SECRET);
  const callbacks = createCallbackRepository(db);
  const conversations = createConversationRepository(db);
  const events = createEventLog(db);
  const now = () => new Date();
  const dispatcher = createCallbackDispatcher({
    db,
    repository: callbacks,
    ...channelDeps(db, conversations),
    integrationById: (id) => accounts.integrationById(id),
    now,
    backoffMs: options.backoffMs ?? (() => 20),
    maxAttempts: options.maxAttempts,
  });
  const service = createConversationService({
    db,
    accounts,
    conversations,
    events,
    presence: createPresence(() => Date.now()),
    now,
    offerTimeoutMs: null,
    publish: () => dispatcher.wake(),
  });
  open.push({ db, dispatcher });
  const integration = (await accounts.integrationById('returns-bot'))!;
  /** Appends an event as the lifecycle would (in a write), and wakes the dispatcher as publishing does. */
  const happen = async (conversationId: string, body: HubEventBody) => {
    await db.write(() => events.append({ conversationId, queue: 'support', at: now().toISOString(), body, audience: [] }));
    dispatcher.wake();
  };
  const handOff = async (envelopeId: string) => (await service.ingest(envelope({ id: envelopeId }), integration)).conversationId;
  /**
   * Hands off before the bot has a callback URL, so what routing says at ingest (nobody is online
   * in these tests) is passed over by the cursor and each test controls the events that follow.
   */
  const handOffQuietly = async (envelopeId: string): Promise<string> => {
    const id = await handOff(envelopeId);
    dispatcher.wake();
    await dispatcher.idle();
    return id;
  };
  const assignedTo = async (conversationId: string, name: string): Promise<HubEventBody> => {
    const view = await conversations.view((await conversations.get(conversationId))!);
    return { type: 'conversation:assigned', conversation: { ...view, owner: { kind: 'agent', id: 'u1', name, since: view.createdAt, why: 'accepted' } } };
  };
  return { db, callbacks, dispatcher, happen, handOffQuietly, assignedTo };
}

const webhookId = (received: Received[], index: number): string => String(received[index]?.headers['webhook-id']);

describe('status callbacks to the source bot', () => {
  it('tells the bot accepted, waiting, failed with the routing reason and completed, signed and in order', async () => {
    const bot = await botEndpoint();
    endpoints.push(bot);
    const store = await hubStore();
    const first = await store.handOffQuietly('returns-bot:c-1:1');
    const second = await store.handOffQuietly('returns-bot:c-2:1');
    await store.callbacks.setCallbackUrl('returns-bot', bot.url);
    await store.happen(first, { type: 'routing:waiting', reason: 'no agent with skill fraud is available' });
    await store.happen(first, { type: 'conversation:abandoned', owner: { kind: 'queue', id: 'support', name: 'support', since: '', why: '' }, waitedMs: 90_000 });
    await store.happen(second, await store.assignedTo(second, 'Alex Agent'));
    await store.happen(second, { type: 'conversation:resolved', owner: { kind: 'agent', id: 'u1', name: 'Alex Agent', since: '', why: '' }, disposition: 'solved', by: { id: 'u1', name: 'Alex Agent' } });

    await vi.waitUntil(() => bot.received.length === 4, { timeout: 5_000 });
    // In order per conversation; two conversations go side by side.
    const of = (envelopeId: string) => bot.received.map(({ callback }) => callback).filter((callback) => callback.envelopeId === envelopeId);
    expect(of('returns-bot:c-1:1')).toMatchObject([
      { type: 'waiting', reason: 'no agent with skill fraud is available' },
      { type: 'failed', reason: expect.stringMatching(/no agent with skill fraud is available/) },
    ]);
    expect(of('returns-bot:c-2:1')).toMatchObject([
      { type: 'accepted', agentName: 'Alex Agent' },
      { type: 'completed', disposition: 'solved' },
    ]);
    for (const { headers, raw } of bot.received) expect(checkSignature(SECRET, raw, headers)).toMatchObject({ ok: true });
    const [tampered] = bot.received;
    expect(checkSignature(newWebhookSecret(), tampered!.raw, tampered!.headers)).toMatchObject({ ok: false });
  });

  it('retries a callback the bot refused with the same webhook-id until it is taken', async () => {
    const bot = await botEndpoint([503, 500]);
    endpoints.push(bot);
    const store = await hubStore();
    const id = await store.handOffQuietly('returns-bot:c-3:1');
    await store.callbacks.setCallbackUrl('returns-bot', bot.url);
    await store.happen(id, { type: 'routing:waiting', reason: 'nobody is online' });

    await vi.waitUntil(() => bot.received.length === 3, { timeout: 5_000 });
    await store.dispatcher.idle();
    expect(new Set(bot.received.map(({ headers }) => headers['webhook-id'])).size).toBe(1);
    expect(await store.callbacks.status(webhookId(bot.received, 0))).toMatchObject({ attempts: 3, lastError: null });
    expect((await store.callbacks.status(webhookId(bot.received, 0)))?.deliveredAt).not.toBeNull();
  });

  it('gives a callback up after the last attempt, and at once when the bot answers 410 Gone', async () => {
    const bot = await botEndpoint([500, 500, 410]);
    endpoints.push(bot);
    const store = await hubStore(undefined, { maxAttempts: 2 });
    const fourth = await store.handOffQuietly('returns-bot:c-4:1');
    const fifth = await store.handOffQuietly('returns-bot:c-5:1');
    await store.callbacks.setCallbackUrl('returns-bot', bot.url);
    await store.happen(fourth, { type: 'routing:waiting', reason: 'all agents are full' });
    await vi.waitUntil(() => bot.received.length === 2, { timeout: 5_000 });
    await store.dispatcher.idle();
    const firstId = webhookId(bot.received, 0);
    expect(await store.callbacks.status(firstId)).toMatchObject({ attempts: 2, lastError: 'HTTP 500' });
    expect((await store.callbacks.status(firstId))?.givenUpAt).not.toBeNull();

    await store.happen(fifth, { type: 'routing:waiting', reason: 'all agents are full' });
    await vi.waitUntil(() => bot.received.length === 3, { timeout: 5_000 });
    await store.dispatcher.idle();
    expect(await store.callbacks.status(webhookId(bot.received, 2))).toMatchObject({ attempts: 1, lastError: 'HTTP 410' });
  });

  it('delivers after a restart what was queued while the bot was down, each callback once (a SQLite file, reopened)', async () => {
    const file = join(tempDir(), 'hub.sqlite');
    const before = await hubStore(file, { backoffMs: () => 60_000 });
    const id = await before.handOffQuietly('returns-bot:c-6:1');
    await before.callbacks.setCallbackUrl('returns-bot', 'http://127.0.0.1:9/unreachable');
    await before.happen(id, { type: 'routing:waiting', reason: 'nobody is online' });
    await before.happen(id, await before.assignedTo(id, 'Sam Agent'));
    await vi.waitUntil(async () => (await before.callbacks.nextDueAt()) !== null && (await before.callbacks.due(new Date().toISOString(), 10)).length === 0, { timeout: 5_000 });
    await before.dispatcher.idle();
    await before.dispatcher.stop();
    await before.db.close();
    open.splice(0);

    const bot = await botEndpoint();
    endpoints.push(bot);
    const after = await hubStore(file, { backoffMs: () => 20 });
    await after.callbacks.setCallbackUrl('returns-bot', bot.url);
    // The restarted hub has nothing new to derive; what was queued is due now.
    await after.db.run('UPDATE callback_deliveries SET next_attempt_at = ?', [new Date().toISOString()]);
    after.dispatcher.wake();
    await vi.waitUntil(() => bot.received.length === 2, { timeout: 5_000 });
    after.dispatcher.wake();
    // Sentinel: a callback queued after the wake arrives after any repeat of the first two would.
    await after.happen(id, { type: 'conversation:resolved', owner: { kind: 'agent', id: 'u2', name: 'Sam Agent', since: '', why: '' }, disposition: 'solved', by: { id: 'u2', name: 'Sam Agent' } });
    await vi.waitUntil(() => bot.received.some(({ callback }) => callback.type === 'completed'), { timeout: 5_000 });
    await after.dispatcher.idle();
    expect(bot.received.map(({ callback }) => callback.type)).toEqual(['waiting', 'accepted', 'completed']);
  });

  it('hands callbacks of an in-process integration to its sink, with no URL', async () => {
    const store = await hubStore();
    const id = await store.handOffQuietly('returns-bot:c-7:1');
    const seen: string[] = [];
    store.dispatcher.bindConnector('returns-bot', inProcess((callback) => void seen.push(callback.type)));
    await store.happen(id, await store.assignedTo(id, 'Alex Agent'));
    await vi.waitUntil(() => seen.length === 1, { timeout: 5_000 });
    expect(seen).toEqual(['accepted']);
  });

  it('moves its cursor past events that make no callback, so a wake does not rescan the log behind it', async () => {
    const store = await hubStore();
    const id = await store.handOffQuietly('returns-bot:c-8:1');
    // Messages make no callback: before, the cursor stayed at the last callback-type event and every
    // wake scanned all of these again.
    for (let index = 0; index < 50; index += 1) {
      await store.happen(id, { type: 'offer:ended', agentId: 'u1', outcome: 'expired', reason: null });
    }
    await store.dispatcher.idle();
    expect(await store.callbacks.cursor()).toBe(await store.callbacks.headSeq());
    expect(await store.callbacks.cursor()).toBeGreaterThan(50);
  });
});
