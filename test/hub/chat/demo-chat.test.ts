import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningHub } from '../../../src/hub/server';
import { listeningHub, openStream, signIn } from '../../support/hub';
import { customerChat } from '../supervision/support';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

describe('the demo customer chat', () => {
  it('hands off after two turns the bot cannot understand, and the agent and customer then talk', async () => {
    running = await listeningHub();
    const token = await signIn(running.url);
    const agent = await openStream(running.url, token);
    const zoe = await customerChat(running.url, 'Zoë Brontë');
    zoe.say('my hamster ate the router');
    zoe.say('the blinking thing is purple');
    const offer = await agent.waitFor(() => agent.events().find((event) => event.type === 'conversation:offered'));
    expect(offer.type === 'conversation:offered' && offer.conversation.envelope.reason?.kind).toBe('bot_failure');
    expect(offer.type === 'conversation:offered' && offer.conversation.envelope.customer.name).toBe('Zoë Brontë');
    await vi.waitUntil(() => zoe.received.some((message) => message.type === 'queue' && message.position === 1 && /number 1 in the queue/.test(message.text)), { timeout: 5_000 });

    const accept = await fetch(`${running.url}/v1/conversations/${offer.conversationId}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(accept.status).toBe(200);
    const reply = await fetch(`${running.url}/v1/conversations/${offer.conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientMessageId: 'r1', text: 'Hi Zoë, I can help with the router.' }),
    });
    expect(reply.status).toBe(201);
    await vi.waitUntil(() => zoe.texts().includes('Hi Zoë, I can help with the router.'), { timeout: 5_000 });
    zoe.say('Thank you!');
    await agent.waitFor(() => agent.events().find((event) => event.type === 'message:added' && event.message.author === 'customer' && event.message.text === 'Thank you!'));
    zoe.close();
    agent.close();
  });

  it('hands off at once when the customer asks for a person', async () => {
    running = await listeningHub();
    const agent = await openStream(running.url, await signIn(running.url));
    const ana = await customerChat(running.url, 'Ana');
    ana.say('can I talk to a real person please');
    const offer = await agent.waitFor(() => agent.events().find((event) => event.type === 'conversation:offered'));
    expect(offer.type === 'conversation:offered' && offer.conversation.envelope.reason?.kind).toBe('customer_requested');
    ana.close();
    agent.close();
  });
});
