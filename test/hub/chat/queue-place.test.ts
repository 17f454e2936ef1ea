import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueueStatus } from '../../../src/hub/chat/queue-status';
import type { RunningHub } from '../../../src/hub/server';
import { envelope, listeningHub, openStream, postHandoff, signIn } from '../../support/hub';
import { customerChat } from '../supervision/support';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** A web-chat customer (priority 3, the default) who has asked for a person. */
async function waitingCustomer(url: string, name: string) {
  const chat = await customerChat(url, name);
  chat.say('I want to talk to a real person');
  const lastQueue = () => chat.received.flatMap((message) => (message.type === 'queue' ? [message] : [])).at(-1);
  await vi.waitUntil(() => lastQueue() !== undefined, { timeout: 5_000 });
  return { lastQueue, close: chat.close };
}

describe('a waiting customer’s place in the queue', () => {
  it('is their place in the order routing serves: a later urgent chat is told 1st, the others move back, and the wait follows the place', async () => {
    running = await listeningHub();
    const { url, hub } = running;
    const ada = await waitingCustomer(url, 'Ada');
    expect(ada.lastQueue()).toMatchObject({ position: 1 });

    // Two bot handoffs arrive after Ada: a low-priority one (1) and an urgent one (5).
    const low = (await postHandoff(url, envelope({ id: 'place:low', routing: { queue: 'support', priority: 1 } }))).json.conversationId!;
    const urgent = (await postHandoff(url, envelope({ id: 'place:urgent', routing: { queue: 'support', priority: 5 } }))).json.conversationId!;
    await vi.waitUntil(() => ada.lastQueue()?.position === 2, { timeout: 5_000 });
    const status = createQueueStatus(hub.db, hub.context);
    expect((await status.of(urgent))?.estimate).toEqual({ kind: 'no-agents', position: 1 });
    expect((await status.of(low))?.estimate).toEqual({ kind: 'no-agents', position: 3 });
    expect(ada.lastQueue()?.text).toMatch(/number 2 in the queue/);

    // Kofi (capacity 1) comes online: routing offers him the chat that was told 1st, the urgent one.
    const kofi = await openStream(url, await signIn(url, 'agent3@demo'));
    const offer = await kofi.waitFor(() => kofi.events().find((event) => event.type === 'conversation:offered'));
    expect(offer.conversationId).toBe(urgent);
    await vi.waitUntil(() => ada.lastQueue()?.etaMs != null, { timeout: 5_000 });
    const lowEstimate = (await status.of(low))!.estimate;
    expect(ada.lastQueue()).toMatchObject({ position: 2 });
    expect(lowEstimate).toMatchObject({ kind: 'estimated', position: 3 });
    expect(lowEstimate.kind === 'estimated' && lowEstimate.etaMs).toBeGreaterThan(ada.lastQueue()!.etaMs!);
    kofi.close();
    ada.close();
  });
});
