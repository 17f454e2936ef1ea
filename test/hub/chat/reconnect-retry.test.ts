import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { openStream, signIn } from '../../support/hub';
import { testHub } from '../../support/test-store';
import { chatWindow, handedOffChat, turnsShown } from './chat-window';

let hub: Hub | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await hub?.app.close();
  hub = null;
});

/** The hub's clock stands still: nothing the hub does on a timer can show the reply; only the window coming back can. */
async function listening(): Promise<{ running: Hub; url: string }> {
  const frozen = new Date('2026-11-20T10:40:00.000Z');
  const running = await testHub({ now: () => frozen, offerTimeoutMs: null, customerChat: true });
  hub = running;
  await seedDemo(running);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const address = running.app.server.address();
  return { running, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

describe('the demo web chat after the customer’s window comes back', () => {
  it('shows the reply written while the window was closed once it comes back, and only then does the agent see it delivered', async () => {
    const { running, url } = await listening();
    const { token, window: first, conversationId } = await handedOffChat(url, running.db, 'Noor', sockets);
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
    // The reply is kept (the agent's answer came after its commit), and no window has shown it.
    expect(await deliveryState()).toBeUndefined();

    const again = await chatWindow(url, token, sockets);
    await expect.poll(deliveryState, { timeout: 5_000 }).toMatchObject({ state: 'delivered', channel: 'web-chat' });
    expect(turnsShown(again.received).filter((turn) => turn.text === 'Are you still there, Noor?')).toHaveLength(1);
    agent.socket.close();
  });
});
