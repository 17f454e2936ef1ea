import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../src/shared/conversation';
import { checkSignature } from '../../../src/hub/auth/webhook-signature';
import { restartableTestDatabase, testDatabase } from '../../support/test-store';
import { flakyEndpoint, outboxStore, SECRET } from './outbox-store';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(where?: { databaseFile?: string; databaseUrl?: string }) {
  const endpoint = await flakyEndpoint();
  cleanups.push(() => endpoint.down());
  const store = await outboxStore(where ?? (await testDatabase()));
  cleanups.push(() => store.isOpen && store.close());
  await store.callbacks.setCallbackUrl('returns-bot', endpoint.url());
  return { endpoint, store };
}

describe('the channel outbox through the generic connector', () => {
  it("delivers an agent's replies signed, once each and in order, after the endpoint was down for a while", async () => {
    const { endpoint, store } = await setUp();
    const id = await store.handOff('returns-bot:o-1:1');
    await vi.waitFor(() => expect(endpoint.received.map(({ item }) => item.type)).toEqual(['waiting']));
    await endpoint.down();

    const sent: Message[] = [];
    for (const text of ['First, sorry for the wait.', 'Second: I can see order 555.', 'Third: the refund is on its way.']) sent.push(await store.agentSays(id, text));
    // The first is tried and fails; the ones behind it wait for it rather than overtaking it.
    await vi.waitFor(async () => expect(await store.deliveryOf(id, sent[0]!.id)).toMatchObject({ state: 'retrying', channel: 'generic' }));
    expect((await store.deliveryOf(id, sent[0]!.id))?.error).toMatch(/ECONNREFUSED|fetch failed/);
    await vi.waitFor(async () => expect(await store.statesOf(id, sent.slice(1))).toEqual(['sent', 'sent']), { timeout: 5_000 });

    await endpoint.up();
    await vi.waitFor(async () => expect(await store.statesOf(id, sent)).toEqual(['delivered', 'delivered', 'delivered']), { timeout: 10_000 });
    expect(endpoint.texts()).toEqual(['First, sorry for the wait.', 'Second: I can see order 555.', 'Third: the refund is on its way.']);
    const messages = endpoint.received.filter(({ item }) => item.type === 'message');
    expect(new Set(messages.map(({ headers }) => headers['webhook-id'])).size).toBe(3);
    for (const { raw, headers } of messages) expect(checkSignature(SECRET, raw, headers)).toMatchObject({ ok: true });
    expect(messages[0]?.item).toMatchObject({ type: 'message', conversationId: id, messageId: sent[0]!.id, author: 'agent', authorName: 'Alex Agent' });

    // The agent saw each state as it happened, in the log the desktop reads.
    const states = store.published.flatMap(({ event }) => (event.type === 'message:delivery-changed' && event.messageId === sent[0]!.id ? [event.delivery.state] : []));
    expect(states).toEqual(['sent', 'retrying', 'delivered']);
  });

  it("shows a reply the platform refused for good as failed with the platform's reason, and goes on with the next", async () => {
    const { endpoint, store } = await setUp();
    const id = await store.handOff('returns-bot:o-2:1');
    await vi.waitFor(() => expect(endpoint.received).toHaveLength(1));
    endpoint.answer({ status: 400, body: { error: { message: 'Conversation 88 is archived: it takes no new messages' } } });

    const refused = await store.agentSays(id, 'Are you still there?');
    const next = await store.agentSays(id, 'I will keep this open for you.');
    await vi.waitFor(async () => expect((await store.deliveryOf(id, next.id))?.state).toBe('delivered'), { timeout: 5_000 });
    expect(await store.deliveryOf(id, refused.id)).toMatchObject({ state: 'failed', error: 'HTTP 400: Conversation 88 is archived: it takes no new messages' });
    // Refused once, never tried again.
    expect(endpoint.texts()).toEqual(['Are you still there?', 'I will keep this open for you.']);
  });

  it('retries a platform that is overloaded (429, 503) and gives up on 410 Gone at once', async () => {
    const { endpoint, store } = await setUp();
    const id = await store.handOff('returns-bot:o-3:1');
    await vi.waitFor(() => expect(endpoint.received).toHaveLength(1));
    endpoint.answer({ status: 429 }, { status: 503, body: 'upstream down' }, { status: 200 }, { status: 410 });

    const busy = await store.agentSays(id, 'One moment please.');
    const gone = await store.agentSays(id, 'Hello?');
    await vi.waitFor(async () => expect((await store.deliveryOf(id, gone.id))?.state).toBe('failed'));
    expect((await store.deliveryOf(id, busy.id))?.state).toBe('delivered');
    expect((await store.deliveryOf(id, gone.id))?.error).toBe('HTTP 410');
    expect(endpoint.texts()).toEqual(['One moment please.', 'One moment please.', 'One moment please.', 'Hello?']);
  });

  it('loses nothing when the hub restarts between the reply and its delivery', async () => {
    const where = await restartableTestDatabase();
    const { endpoint, store } = await setUp(where);
    const id = await store.handOff('returns-bot:o-4:1');
    await vi.waitFor(() => expect(endpoint.received).toHaveLength(1));
    await endpoint.down();
    const first = await store.agentSays(id, 'Written before the restart.');
    const second = await store.agentSays(id, 'Also before the restart.');
    await vi.waitFor(async () => expect((await store.deliveryOf(id, first.id))?.state).toBe('retrying'));
    await store.dispatcher.idle();
    await store.close();

    await endpoint.up();
    const after = await outboxStore(where);
    cleanups.push(() => after.isOpen && after.close());
    after.dispatcher.wake();
    await vi.waitFor(async () => expect(await after.statesOf(id, [first, second])).toEqual(['delivered', 'delivered']), { timeout: 10_000 });
    expect(endpoint.texts()).toEqual(['Written before the restart.', 'Also before the restart.']);
  });

  it("never sends a supervisor's whisper, and sends a barging supervisor's message", async () => {
    const { endpoint, store } = await setUp();
    const id = await store.handOff('returns-bot:o-5:1');
    await vi.waitFor(() => expect(endpoint.received).toHaveLength(1));
    await store.agentSays(id, 'Offer the goodwill voucher.', { author: 'supervisor', authorName: 'Priya', visibility: 'staff' });
    await store.agentSays(id, 'Hello, I am the team lead.', { author: 'supervisor', authorName: 'Priya' });
    // Sent after the whisper: once it is here, the whisper would have been sent before it.
    await store.agentSays(id, 'sentinel');
    await vi.waitFor(() => expect(endpoint.texts()).toContain('sentinel'));
    expect(endpoint.texts()).toEqual(['Hello, I am the team lead.', 'sentinel']);
    expect(endpoint.received.at(-2)?.item).toMatchObject({ author: 'supervisor', authorName: 'Priya' });
  });
});
