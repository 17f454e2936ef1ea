import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ChatServerMessage } from '../../../src/shared/chat-protocol';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { openStream, signIn } from '../../support/hub';
import { testHub } from '../../support/test-store';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.app.close();
  hub = null;
});

async function listening(leaveGraceMs = 60_000): Promise<{ hub: Hub; url: string }> {
  const running = await testHub({ chatLeaveGraceMs: leaveGraceMs, offerTimeoutMs: null, customerChat: true });
  hub = running;
  await seedDemo(running);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const address = running.app.server.address();
  return { hub: running, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/** A customer in the demo web chat, over the real socket. */
async function customer(baseUrl: string, name: string, existingToken?: string) {
  const token =
    existingToken ??
    ((await (
      await fetch(`${baseUrl}/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) })
    ).json()) as { token: string }).token;
  const received: ChatServerMessage[] = [];
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/v1/chat/stream`);
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as ChatServerMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'join', v: 1, token }));
  await vi.waitUntil(() => received.some((message) => message.type === 'history'), { timeout: 5_000 });
  let counter = 0;
  const send = (message: object) => socket.send(JSON.stringify({ v: 1, ...message }));
  return {
    token,
    received,
    say: (text: string) => send({ type: 'say', clientMessageId: `${name}-${(counter += 1)}`, text }),
    leave: () => send({ type: 'leave' }),
    rate: (rating: number) => send({ type: 'rate', rating }),
    lastQueue: () => received.flatMap((message) => (message.type === 'queue' ? [message] : [])).at(-1),
    statuses: () => received.flatMap((message) => (message.type === 'status' ? [message.text] : [])),
    close: () => new Promise((resolve) => (socket.once('close', resolve), socket.close())),
  };
}

type Customer = Awaited<ReturnType<typeof customer>>;

/** The customer asks for a person and waits until the hub has put them in the queue. */
async function askForPerson(someone: Customer): Promise<void> {
  someone.say('I want to talk to a real person');
  await vi.waitUntil(() => someone.lastQueue() !== undefined, { timeout: 5_000 });
}

const conversationOf = async (running: Hub, name: string) => {
  const row = await running.db.get<{ conversation_id: string | null }>('SELECT conversation_id FROM chat_sessions WHERE customer_name = ?', [name]);
  return row?.conversation_id ? running.context.conversations.get(row.conversation_id) : null;
};
const stateOf = async (running: Hub, name: string) => (await conversationOf(running, name))?.state;

describe('the customer side of a handoff', () => {
  it('tells each waiting customer their place and a wait that grows with it, and updates both as the queue moves', async () => {
    const { hub: running, url } = await listening();
    const people = [await customer(url, 'Ada'), await customer(url, 'Ben'), await customer(url, 'Cy')];
    for (const person of people) await askForPerson(person);
    // Nobody is online: a place but no figure, and the bot's "waiting" callback in plain words.
    expect(people.map((person) => person.lastQueue())).toMatchObject([
      { position: 1, etaMs: null, text: expect.stringMatching(/number 1 in the queue\. Nobody who can help is available/) },
      { position: 2, etaMs: null },
      { position: 3, etaMs: null },
    ]);
    await vi.waitUntil(() => people[0]!.statuses().some((text) => /You keep your place in the queue/.test(text)), { timeout: 5_000 });

    // Kofi (capacity 1) comes online: Ada is offered to him, Ben and Cy move on the estimate.
    const agent = await openStream(url, await signIn(url, 'agent3@demo'));
    await vi.waitUntil(() => people.every((person) => person.lastQueue()?.etaMs != null), { timeout: 5_000 });
    const [ada, ben, cy] = people.map((person) => person.lastQueue()!);
    expect(ada).toMatchObject({ position: 1, etaMs: 0, text: expect.stringMatching(/in a moment/) });
    expect(ben).toMatchObject({ position: 2 });
    expect(cy).toMatchObject({ position: 3 });
    expect(ben!.etaMs).toBeGreaterThan(0);
    expect(cy!.etaMs).toBeGreaterThanOrEqual(ben!.etaMs!);

    // Kofi accepts: Ada is no longer waiting, the others keep their estimate consistent with their place.
    const adaConversation = (await conversationOf(running, 'Ada'))!;
    const token = await signIn(url, 'agent3@demo');
    expect((await fetch(`${url}/v1/conversations/${adaConversation.id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await vi.waitUntil(() => people[0]!.lastQueue()?.position === 0, { timeout: 5_000 });
    await vi.waitUntil(() => people[1]!.lastQueue()?.position === 1, { timeout: 5_000 });
    expect(people[2]!.lastQueue()).toMatchObject({ position: 2 });
    agent.close();
    for (const person of people) await person.close();
  });

  it('abandons the handoff when the customer leaves before an agent joins, and says so', async () => {
    const { hub: running, url } = await listening();
    const dee = await customer(url, 'Dee');
    await askForPerson(dee);
    dee.leave();
    await vi.waitUntil(async () => (await stateOf(running, 'Dee')) === 'abandoned', { timeout: 5_000 });
    await vi.waitUntil(() => dee.statuses().some((text) => /left the queue/.test(text)), { timeout: 5_000 });
    const deeConversation = (await conversationOf(running, 'Dee'))!;
    const events = (await running.context.events.forQueues(['support'], 0, 100)).filter((event) => event.conversationId === deeConversation.id);
    expect(events.map((event) => event.type)).toContain('conversation:abandoned');
    await dee.close();
  });

  it('abandons a waiting chat whose socket stays gone past the grace period, but not one that comes back in time', async () => {
    const { hub: running, url } = await listening(300);
    const eve = await customer(url, 'Eve');
    const fay = await customer(url, 'Fay');
    const gil = await customer(url, 'Gil');
    await askForPerson(eve);
    await askForPerson(fay);
    await askForPerson(gil);
    await eve.close();
    await fay.close();
    await gil.close();
    const fayAgain = await customer(url, 'Fay', fay.token);
    await vi.waitUntil(async () => (await stateOf(running, 'Eve')) === 'abandoned', { timeout: 5_000 });
    // Sentinel: Gil left after Fay with the same grace, so Fay's timer, had it not been cancelled, fired first.
    await vi.waitUntil(async () => (await stateOf(running, 'Gil')) === 'abandoned', { timeout: 5_000 });
    expect(await stateOf(running, 'Fay')).toBe('queued');
    expect(fayAgain.lastQueue()).toMatchObject({ position: 1 });
    await fayAgain.close();
  });

  it('asks for a 1–5 rating after resolution, stores it, and opens a new linked handoff when the customer writes again', async () => {
    const { hub: running, url } = await listening();
    const token = await signIn(url, 'agent@demo');
    const agent = await openStream(url, token);
    const gus = await customer(url, 'Gus');
    await askForPerson(gus);
    const first = await agent.waitFor(() => agent.events().find((event) => event.type === 'conversation:offered'));
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${url}/v1/conversations/${first.conversationId}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const resolved = await fetch(`${url}/v1/conversations/${first.conversationId}/resolve`, { method: 'POST', headers, body: JSON.stringify({ disposition: 'solved' }) });
    expect(resolved.status).toBe(200);

    await vi.waitUntil(() => gus.received.some((message) => message.type === 'rating-request'), { timeout: 5_000 });
    expect(gus.statuses()).toContain('This chat has been closed. Thank you for your patience.');
    gus.rate(4);
    await vi.waitUntil(() => gus.statuses().includes('Thank you for your rating.'), { timeout: 5_000 });
    expect((await running.context.conversations.view((await running.context.conversations.get(first.conversationId))!)).rating).toBe(4);

    gus.say('Sorry, one more thing about my order');
    await vi.waitUntil(async () => (await conversationOf(running, 'Gus'))?.id !== first.conversationId, { timeout: 5_000 });
    const second = (await conversationOf(running, 'Gus'))!;
    const view = await running.context.conversations.view(second);
    expect(view.previousConversationId).toBe(first.conversationId);
    expect(view.envelope.transcript.map((turn) => turn.text)).toEqual(['Sorry, one more thing about my order']);
    expect((await running.context.conversations.get(first.conversationId))?.state).toBe('resolved');
    agent.close();
    await gus.close();
  });
});

describe('what the customer never sees', () => {
  it('does not relay or replay a staff whisper to the customer, while the agent reply gets through', async () => {
    const { hub: running, url } = await listening();
    const token = await signIn(url, 'agent@demo');
    const agent = await openStream(url, token);
    const hal = await customer(url, 'Hal');
    await askForPerson(hal);
    const offer = await agent.waitFor(() => agent.events().find((event) => event.type === 'conversation:offered'));
    await fetch(`${url}/v1/conversations/${offer.conversationId}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const { kernel } = running.context.service;
    await kernel.transact(async (logged) =>
      kernel.addMessage(
        await kernel.requireRecord(offer.conversationId),
        { id: 'm_whisper', conversationId: offer.conversationId, at: new Date().toISOString(), author: 'supervisor', text: 'Offer the refund', visibility: 'staff' },
        logged,
      ),
    );
    await fetch(`${url}/v1/conversations/${offer.conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientMessageId: 'r1', text: 'Hello Hal' }),
    });
    const texts = (messages: ChatServerMessage[]) =>
      messages.flatMap((message) => (message.type === 'turn' ? [message.turn.text] : message.type === 'history' ? message.turns.map((turn) => turn.text) : []));
    await vi.waitUntil(() => texts(hal.received).includes('Hello Hal'), { timeout: 5_000 });
    expect(texts(hal.received)).not.toContain('Offer the refund');
    await hal.close();
    const again = await customer(url, 'Hal', hal.token);
    expect(texts(again.received)).toContain('Hello Hal');
    expect(texts(again.received)).not.toContain('Offer the refund');
    agent.close();
    await again.close();
  });
});
