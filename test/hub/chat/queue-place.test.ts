import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ChatServerMessage } from '../../../src/shared/chat-protocol';
import { build, type Hub } from '../../../src/hub/app';
import { createQueueStatus } from '../../../src/hub/chat/queue-status';
import { seedDemo } from '../../../src/hub/demo/seed';
import { envelope, openStream, postHandoff, signIn } from '../../support/hub';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.app.close();
  hub = null;
});

async function listening(): Promise<{ hub: Hub; url: string }> {
  hub = build({ databaseFile: ':memory:', offerTimeoutMs: null });
  await seedDemo(hub.context.accounts);
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const address = hub.app.server.address();
  return { hub, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
};

/** A web-chat customer (priority 3, the default) who has asked for a person. */
async function waitingCustomer(url: string, name: string) {
  const { token } = (await (
    await fetch(`${url}/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) })
  ).json()) as { token: string };
  const received: ChatServerMessage[] = [];
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/chat/stream`);
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as ChatServerMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'join', v: 1, token }));
  socket.send(JSON.stringify({ type: 'say', v: 1, clientMessageId: `${name}-1`, text: 'I want to talk to a real person' }));
  const lastQueue = () => received.flatMap((message) => (message.type === 'queue' ? [message] : [])).at(-1);
  await until(() => lastQueue() !== undefined);
  return { lastQueue, close: () => socket.close() };
}

describe('a waiting customer’s place in the queue', () => {
  it('is their place in the order routing serves: a later urgent chat is told 1st, the others move back, and the wait follows the place', async () => {
    const { hub: running, url } = await listening();
    const ada = await waitingCustomer(url, 'Ada');
    expect(ada.lastQueue()).toMatchObject({ position: 1 });

    // Two bot handoffs arrive after Ada: a low-priority one (1) and an urgent one (5).
    const low = (await postHandoff(url, envelope({ id: 'place:low', routing: { queue: 'support', priority: 1 } }))).json.conversationId!;
    const urgent = (await postHandoff(url, envelope({ id: 'place:urgent', routing: { queue: 'support', priority: 5 } }))).json.conversationId!;
    await until(() => ada.lastQueue()?.position === 2);
    const status = createQueueStatus(running.db, running.context);
    expect(status.of(urgent)?.estimate).toEqual({ kind: 'no-agents', position: 1 });
    expect(status.of(low)?.estimate).toEqual({ kind: 'no-agents', position: 3 });
    expect(ada.lastQueue()?.text).toMatch(/number 2 in the queue/);

    // Kofi (capacity 1) comes online: routing offers him the chat that was told 1st, the urgent one.
    const kofi = await openStream(url, await signIn(url, 'agent3@demo'));
    const offer = await kofi.waitFor(() => kofi.events().find((event) => event.type === 'conversation:offered'));
    expect(offer.conversationId).toBe(urgent);
    await until(() => ada.lastQueue()?.etaMs != null);
    const lowEstimate = status.of(low)!.estimate;
    expect(ada.lastQueue()).toMatchObject({ position: 2 });
    expect(lowEstimate).toMatchObject({ kind: 'estimated', position: 3 });
    expect(lowEstimate.kind === 'estimated' && lowEstimate.etaMs).toBeGreaterThan(ada.lastQueue()!.etaMs!);
    kofi.close();
    ada.close();
  });
});
