import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ChatServerMessage } from '../../../src/shared/chat-protocol';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { openStream, signIn } from '../../support/hub';
import { testHub } from '../../support/test-store';

let hub: Hub | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await hub?.app.close();
  hub = null;
});

/**
 * The hub's clock stands still: an item the outbox failed to deliver is due again only when that
 * clock passes its backoff, which it never does here. Only the reconnect can make it go.
 */
async function listening(): Promise<{ running: Hub; url: string }> {
  const frozen = new Date('2026-11-20T10:40:00.000Z');
  const running = await testHub({ now: () => frozen, offerTimeoutMs: null, customerChat: true });
  hub = running;
  await seedDemo(running);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const address = running.app.server.address();
  return { running, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function chatWindow(url: string, token: string) {
  const received: ChatServerMessage[] = [];
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/chat/stream`);
  sockets.push(socket);
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as ChatServerMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'join', v: 1, token }));
  await vi.waitUntil(() => received.some((message) => message.type === 'history'), { timeout: 5_000 });
  return {
    received,
    say: (text: string, id: string) => socket.send(JSON.stringify({ type: 'say', v: 1, clientMessageId: id, text })),
    close: () => new Promise((resolve) => (socket.once('close', resolve), socket.close())),
  };
}

/** Every text the customer's window has been shown, from the history replay and live turns alike. */
const textsShown = (received: ChatServerMessage[]): string[] =>
  received.flatMap((message) => (message.type === 'history' ? message.turns.map((turn) => turn.text) : message.type === 'turn' ? [message.turn.text] : []));

describe('the demo web chat after the customer’s window comes back', () => {
  it('delivers the reply that failed while the window was closed at once, and the agent sees it delivered', async () => {
    const { running, url } = await listening();
    const { token } = (await (await fetch(`${url}/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Noor' }) })).json()) as { token: string };
    const first = await chatWindow(url, token);
    first.say('I want to talk to a real person', 'n-1');
    const conversationId = await vi.waitFor(async () => {
      const row = await running.db.get<{ conversation_id: string | null }>('SELECT conversation_id FROM chat_sessions WHERE customer_name = ?', ['Noor']);
      if (!row?.conversation_id) throw new Error('no handoff yet');
      return row.conversation_id;
    });
    const agentToken = await signIn(url, 'agent@demo');
    const agent = await openStream(url, agentToken);
    const as = { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' };
    // The offer is made once the agent's stream is in: on PostgreSQL that is real I/O, not at once.
    await agent.waitFor(() => agent.events().find((event) => event.type === 'conversation:offered' && event.conversationId === conversationId));
    expect((await fetch(`${url}/v1/conversations/${conversationId}/accept`, { method: 'POST', headers: { authorization: `Bearer ${agentToken}` } })).status).toBe(200);

    await first.close();
    await fetch(`${url}/v1/conversations/${conversationId}/messages`, { method: 'POST', headers: as, body: JSON.stringify({ clientMessageId: 'a-1', text: 'Are you still there, Noor?' }) });
    const deliveryState = async () => {
      const view = (await (await fetch(`${url}/v1/conversations/${conversationId}`, { headers: as })).json()) as { messages: { text: string; delivery?: { state: string; error?: string } }[] };
      return view.messages.find((message) => message.text === 'Are you still there, Noor?')?.delivery;
    };
    await expect.poll(deliveryState, { timeout: 5_000 }).toMatchObject({ state: 'retrying', error: "The customer's chat window is closed." });

    const again = await chatWindow(url, token);
    await expect.poll(deliveryState, { timeout: 5_000 }).toMatchObject({ state: 'delivered' });
    expect(textsShown(again.received)).toContain('Are you still there, Noor?');
    agent.socket.close();
  });
});
