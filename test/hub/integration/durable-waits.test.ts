import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandoffQualityReport } from '../../../src/shared/metrics';
import { build, type Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { envelope, openStream, postHandoff, signIn } from '../../support/hub';
import { restartableTestDatabase } from '../../support/test-store';
import { customerChat } from '../supervision/support';

/**
 * What a waiting conversation must not lose when the hub restarts on the same data: a customer's
 * grace after their chat window closed, and the waiting reasons routing already told.
 */
const running: Hub[] = [];
afterEach(async () => {
  for (const hub of running.splice(0)) await hub.app.close();
});

/** The hub's clock, moved by the test: restarts happen "later" without waiting. */
const START_MS = Date.parse('2026-11-21T10:00:00.000Z');
const clock = { ms: START_MS };
const now = () => new Date(clock.ms);
beforeEach(() => {
  clock.ms = START_MS;
});

type Store = Awaited<ReturnType<typeof restartableTestDatabase>>;

async function start(store: Store, chatLeaveGraceMs = 60_000): Promise<{ hub: Hub; url: string }> {
  const hub = await build({ ...store, now, offerTimeoutMs: null, chatLeaveGraceMs, customerChat: true });
  running.push(hub);
  await seedDemo(hub);
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const address = hub.app.server.address();
  return { hub, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function stop(hub: Hub): Promise<void> {
  running.splice(running.indexOf(hub), 1);
  await hub.app.close();
}

/** A web-chat customer asks for a person, waits in the queue, then closes the window; the hub notes when. */
async function leaveWhileWaiting(hub: Hub, url: string, name = 'Lena'): Promise<string> {
  const chat = await customerChat(url, name);
  chat.say('I want to talk to a real person');
  await vi.waitUntil(() => chat.received.some((message) => message.type === 'queue'), { timeout: 5_000 });
  chat.close();
  await vi.waitUntil(async () => (await chatOf(hub, name)).left_at !== null, { timeout: 5_000 });
  return chat.token;
}

const chatOf = async (hub: Hub, name = 'Lena') =>
  (await hub.db.get<{ conversation_id: string; left_at: string | null }>('SELECT conversation_id, left_at FROM chat_sessions WHERE customer_name = ?', [name]))!;
const stateOf = async (hub: Hub, name = 'Lena') => (await hub.context.conversations.get((await chatOf(hub, name)).conversation_id))?.state;

describe('a customer who left the chat just before a restart', () => {
  it('is abandoned once the restarted hub finds their grace over, and counted as abandoned before an agent', async () => {
    const store = await restartableTestDatabase();
    const first = await start(store);
    await leaveWhileWaiting(first.hub, first.url);
    expect((await chatOf(first.hub)).left_at).toBe('2026-11-21T10:00:00.000Z');
    await stop(first.hub);

    clock.ms += 61_000;
    const second = await start(store);
    await vi.waitUntil(async () => (await stateOf(second.hub)) === 'abandoned', { timeout: 5_000 });
    expect((await chatOf(second.hub)).left_at).toBeNull();
    const abandoned = (await second.hub.context.events.forQueues(['support'], 0, 100)).find((event) => event.type === 'conversation:abandoned');
    expect(abandoned).toMatchObject({ conversationId: (await chatOf(second.hub)).conversation_id, at: '2026-11-21T10:01:01.000Z' });
    // The report's period ends now, exclusively: read it a moment after the abandon.
    clock.ms += 1000;
    const token = await signIn(second.url, 'supervisor@demo');
    const report = (await (await fetch(`${second.url}/v1/metrics/handoff-quality`, { headers: { authorization: `Bearer ${token}` } })).json()) as HandoffQualityReport;
    expect(report).toMatchObject({ handoffs: 1, abandonedBeforeAgent: 1, unresolved: { abandoned: 1 } });
  });

  it('keeps the rest of a running grace after the restart, and a customer who comes back cancels it for good', async () => {
    const store = await restartableTestDatabase();
    const first = await start(store, 3000);
    await leaveWhileWaiting(first.hub, first.url);
    await stop(first.hub);

    // 2 s of the 3 s grace went by while the hub was down: 1 s is left, not 3 s and not none.
    clock.ms += 2000;
    const second = await start(store, 3000);
    expect(await stateOf(second.hub)).toBe('queued');
    const started = Date.now();
    await vi.waitUntil(async () => (await stateOf(second.hub)) === 'abandoned', { timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(2500);
    await stop(second.hub);

    // Another customer leaves, comes back before the restart: the later hub must not abandon them.
    clock.ms = Date.parse('2026-11-21T12:00:00.000Z');
    const other = await restartableTestDatabase();
    const third = await start(other, 3000);
    const token = await leaveWhileWaiting(third.hub, third.url);
    const back = await customerChat(third.url, 'Lena', token);
    await vi.waitUntil(async () => (await chatOf(third.hub)).left_at === null, { timeout: 5_000 });
    back.close();
    await vi.waitUntil(async () => (await chatOf(third.hub)).left_at !== null, { timeout: 5_000 });
    await customerChat(third.url, 'Lena', token);
    await vi.waitUntil(async () => (await chatOf(third.hub)).left_at === null, { timeout: 5_000 });
    // Sentinel: Max leaves for good, so the restarted hub settles his grace, over by then, at once.
    await leaveWhileWaiting(third.hub, third.url, 'Max');
    expect(await stateOf(third.hub, 'Max')).toBe('queued');
    await stop(third.hub);
    clock.ms += 10_000;
    const fourth = await start(other, 3000);
    await vi.waitUntil(async () => (await stateOf(fourth.hub, 'Max')) === 'abandoned', { timeout: 5_000 });
    expect(await stateOf(fourth.hub)).toBe('queued');
  });
});

describe('waiting reasons across a restart', () => {
  it('does not tell an unchanged reason again after the hub restarts', async () => {
    const store = await restartableTestDatabase();
    const first = await start(store);
    const alex = await openStream(first.url, await signIn(first.url, 'agent@demo'));
    await alex.waitFor(() => alex.messages.find((message) => message.type === 'welcome'));
    const german = (await postHandoff(first.url, envelope({ id: 'reason:1', routing: { queue: 'support', language: 'de' } }))).json.conversationId!;
    const reasonsOf = async (hub: Hub, id: string) =>
      (await hub.context.events.forQueues(['support'], 0, 500)).flatMap((event) => (event.type === 'routing:waiting' && event.conversationId === id ? [event.reason] : []));
    expect(await reasonsOf(first.hub, german)).toEqual(['no agent speaking de is available']);
    alex.close();
    await stop(first.hub);

    const second = await start(store);
    const again = await openStream(second.url, await signIn(second.url, 'agent@demo'));
    await again.waitFor(() => again.messages.find((message) => message.type === 'welcome'));
    // A second German handoff makes routing walk the queue, the first one included, while Alex is free.
    const next = (await postHandoff(second.url, envelope({ id: 'reason:2', routing: { queue: 'support', language: 'de' } }))).json.conversationId!;
    expect(await reasonsOf(second.hub, next)).toEqual(['no agent speaking de is available']);
    expect(await reasonsOf(second.hub, german)).toEqual(['no agent speaking de is available']);
    again.close();
  });
});
