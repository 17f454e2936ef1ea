import { afterEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import type { ChatServerMessage } from '../../../src/shared/chat-protocol';
import { CLOSE_CODES } from '../../../src/shared/protocol';
import { build, type Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { envelope, openStream, postHandoff, signIn } from '../../support/hub';
import { chatWindow, handedOffChat, turnsShown } from '../chat/chat-window';
import { onPostgres, testDatabase } from '../../support/test-store';

const hubs: Hub[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const hub of hubs.splice(0)) await hub.app.close();
});

/**
 * Two replicas of one floor: two hubs on one PostgreSQL database, each listening on loopback. B
 * starts first and so takes the led jobs (the outbox among them): A is a replica that leads nothing.
 */
async function twoReplicas(): Promise<{ a: Hub; urlA: string; urlB: string }> {
  const { databaseUrl } = await testDatabase();
  const urls: string[] = [];
  for (let index = 0; index < 2; index += 1) {
    const hub = await build({ databaseUrl, offerTimeoutMs: null, customerChat: true });
    hubs.push(hub);
    if (index === 0) await seedDemo(hub);
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const address = hub.app.server.address();
    urls.push(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  }
  return { a: hubs[1]!, urlA: urls[1]!, urlB: urls[0]! };
}


/** What the agent wrote, as the customer's window shows it: history and live turns, in order. */
const agentTexts = (received: ChatServerMessage[]): string[] => turnsShown(received).filter((turn) => turn.author === 'agent').map((turn) => turn.text);

async function reply(url: string, token: string, conversationId: string, text: string): Promise<void> {
  const response = await fetch(`${url}/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientMessageId: text, text }),
  });
  expect(response.status).toBe(201);
}

const post = (url: string, path: string, token: string) => fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

describe.skipIf(!onPostgres)('a web chat and an agent on different replicas (PostgreSQL only: SQLite is one process)', () => {
  it('shows the customer on A every reply of the agent on B once and in order, their typing, and loses or repeats nothing when the window moves to B', async () => {
    const { a, urlA, urlB } = await twoReplicas();
    const { token, window: onA, conversationId } = await handedOffChat(urlA, a.db, 'Noor', sockets);
    const agentToken = await signIn(urlB, 'agent@demo');
    const agent = await openStream(urlB, agentToken);
    await agent.waitFor(() => agent.events().find((event) => event.type === 'conversation:offered' && event.conversationId === conversationId), 15_000);
    expect((await post(urlB, `/v1/conversations/${conversationId}/accept`, agentToken)).status).toBe(200);
    await vi.waitUntil(() => onA.received.some((message) => message.type === 'agent-joined'), { timeout: 15_000 });

    const first = ['one', 'two', 'three', 'four', 'five'];
    for (const text of first) await reply(urlB, agentToken, conversationId, text);
    await vi.waitUntil(() => agentTexts(onA.received).includes('five'), { timeout: 15_000 });
    expect(agentTexts(onA.received)).toEqual(first);

    expect((await post(urlB, `/v1/conversations/${conversationId}/typing`, agentToken)).status).toBe(204);
    await vi.waitUntil(() => onA.received.some((message) => message.type === 'typing'), { timeout: 15_000 });

    // The agent sees each reply delivered: replica A, which showed them, recorded it.
    const view = async () => (await (await fetch(`${urlB}/v1/conversations/${conversationId}`, { headers: { authorization: `Bearer ${agentToken}` } })).json()) as { messages: { text: string; delivery?: { state: string } }[] };
    await expect.poll(async () => (await view()).messages.filter((message) => first.includes(message.text)).map((message) => message.delivery?.state), { timeout: 15_000 }).toEqual(first.map(() => 'delivered'));

    await onA.close();
    await reply(urlB, agentToken, conversationId, 'six');
    const onB = await chatWindow(urlB, token, sockets);
    await reply(urlB, agentToken, conversationId, 'seven');
    await vi.waitUntil(() => agentTexts(onB.received).includes('seven'), { timeout: 15_000 });
    expect(agentTexts(onB.received)).toEqual([...first, 'six', 'seven']);
    agent.close();
  });

  it('shows a supervisor monitoring on A the turns and typing of an agent on B, and closes the agent’s stream on B when an admin on A deactivates them', async () => {
    const { urlA, urlB } = await twoReplicas();
    const handoff = await postHandoff(urlA, envelope());
    expect(handoff.status).toBe(201);
    const conversationId = handoff.json.conversationId!;
    const agentToken = await signIn(urlB, 'agent@demo');
    const agent = await openStream(urlB, agentToken);
    await agent.waitFor(() => agent.events().find((event) => event.type === 'conversation:offered' && event.conversationId === conversationId), 15_000);
    expect((await post(urlB, `/v1/conversations/${conversationId}/accept`, agentToken)).status).toBe(200);

    const supervisorToken = await signIn(urlA, 'supervisor@demo');
    const supervisor = await openStream(urlA, supervisorToken);
    expect((await post(urlA, `/v1/conversations/${conversationId}/monitor`, supervisorToken)).status).toBe(200);
    await reply(urlB, agentToken, conversationId, 'Let me look at order 555.');
    await supervisor.waitFor(() =>
      supervisor.events().find((event) => event.type === 'message:added' && event.conversationId === conversationId && event.message.text === 'Let me look at order 555.'),
      15_000,
    );
    expect((await post(urlB, `/v1/conversations/${conversationId}/typing`, agentToken)).status).toBe(204);
    await supervisor.waitFor(() => supervisor.messages.find((message) => message.type === 'typing' && message.conversationId === conversationId), 15_000);

    const closed = new Promise<number>((resolve) => agent.socket.once('close', resolve));
    const adminToken = await signIn(urlA, 'admin@demo');
    expect((await post(urlA, '/v1/admin/people/u_agent/deactivate', adminToken)).status).toBe(200);
    expect(await closed).toBe(CLOSE_CODES.authFailed);
    supervisor.close();
  });
});
