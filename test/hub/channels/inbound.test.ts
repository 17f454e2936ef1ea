import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { createOutcomeSettler } from '../../../src/hub/adapters/settle';
import { createInboundChannel } from '../../../src/hub/channels/inbound';
import { createMemoryPendingTranscripts } from '../../../src/hub/adapters/pending-memory';
import { demoHub, envelope, integrationAuth } from '../../support/hub';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.app.close();
  hub = null;
});

async function setUp() {
  hub = await demoHub();
  await hub.context.accounts.saveIntegration('other-bot', 'Another bot', 'other-token', 'support');
  const current = hub;
  const handOff = async (conversationId = 'c-1', id = `bot:${conversationId}:1`) => {
    const response = await current.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope({ id, source: { platform: 'generic', bot: 'returns-bot', conversationId } }) });
    return (response.json() as { conversationId: string }).conversationId;
  };
  const say = (conversationId: string, payload: unknown, token = DEMO_INTEGRATION_TOKEN) =>
    current.app.inject({ method: 'POST', url: `/v1/conversations/${conversationId}/customer-messages`, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
  const transcript = async (conversationId: string) => (await current.context.conversations.messages(conversationId)).map((message) => [message.author, message.text]);
  return { hub: current, handOff, say, transcript };
}

describe('a customer writing after the handoff, through the generic route', () => {
  it('reaches the conversation once per message id, in the order sent', async () => {
    const { handOff, say, transcript } = await setUp();
    const id = await handOff();
    const first = await say(id, { messageId: 'msg-1', text: 'Are you there?' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'stored', conversationId: id });
    expect((await say(id, { messageId: 'msg-2', text: 'It is order 555.' })).statusCode).toBe(201);
    const replay = await say(id, { messageId: 'msg-1', text: 'Are you there?' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ status: 'duplicate', conversationId: id, messageId: first.json().messageId });
    expect(await transcript(id)).toEqual([
      ['customer', 'Are you there?'],
      ['customer', 'It is order 555.'],
    ]);
  });

  it('stores a message delivered twice at the same moment once, and answers the second as a duplicate', async () => {
    const { handOff, say, transcript } = await setUp();
    const id = await handOff('c-race');
    const [a, b] = await Promise.all([say(id, { messageId: 'msg-r', text: 'Hello?' }), say(id, { messageId: 'msg-r', text: 'Hello?' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect([a.json(), b.json()].map((body: { status: string }) => body.status).sort()).toEqual(['duplicate', 'stored']);
    expect(await transcript(id)).toEqual([['customer', 'Hello?']]);
  });

  it("answers 404 for an unknown conversation or another integration's, and stores nothing", async () => {
    const { handOff, say, transcript } = await setUp();
    const id = await handOff();
    expect((await say('c_nope', { messageId: 'm', text: 'hi' })).statusCode).toBe(404);
    const foreign = await say(id, { messageId: 'm', text: 'hi' }, 'other-token');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    expect(await transcript(id)).toEqual([]);
  });

  it('answers malformed bodies with a 400 that names the problem, never a 5xx', async () => {
    const { handOff, say, hub: current } = await setUp();
    const id = await handOff();
    for (const payload of [{}, { messageId: 'm' }, { messageId: '', text: 'x' }, { messageId: 'm', text: '   ' }, { messageId: 'm', text: 'x', extra: 1 }, [], { messageId: 7, text: 'x' }]) {
      const response = await say(id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toMatch(/invalid_request|invalid_json/);
    }
    expect((await say(id, 'plain text')).statusCode).toBe(415);
    const polluted = await current.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/customer-messages`,
      headers: { ...integrationAuth, 'content-type': 'application/json' },
      payload: '{"messageId":"m","text":"x","__proto__":{"admin":true}}',
    });
    expect(polluted.statusCode).toBe(400);
    const huge = await say(id, { messageId: 'm', text: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect((await say(id, { messageId: 'm', text: 'x' }, 'wrong-token')).statusCode).toBe(401);
  });

  it('opens a new handoff linked to the old one when the customer writes after the conversation closed', async () => {
    const { handOff, say, transcript, hub: current } = await setUp();
    const id = await handOff('c-2');
    const left = await current.app.inject({ method: 'POST', url: `/v1/conversations/${id}/customer-left`, headers: integrationAuth, payload: {} });
    expect(left.json()).toMatchObject({ status: 'left', state: 'abandoned' });

    const again = await say(id, { messageId: 'msg-9', text: 'Me again about the boots' });
    expect(again.statusCode).toBe(201);
    const reopened = again.json() as { status: string; conversationId: string; previousConversationId: string };
    expect(reopened).toMatchObject({ status: 'reopened', previousConversationId: id });
    const next = (await current.context.conversations.get(reopened.conversationId))!;
    expect(next.previousConversationId).toBe(id);
    expect(next.envelope.transcript.map((turn) => turn.text)).toEqual(['Me again about the boots']);
    expect(next.envelope.customer.name).toBe('Maria Okafor');

    // The platform retries that message: the same new conversation, not a third one.
    const retried = await say(id, { messageId: 'msg-9', text: 'Me again about the boots' });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ conversationId: reopened.conversationId });
    // Later messages to the old id go on in the new conversation.
    expect((await say(id, { messageId: 'msg-10', text: 'Hello?' })).json()).toMatchObject({ status: 'stored', conversationId: reopened.conversationId });
    expect(await transcript(reopened.conversationId)).toEqual([['customer', 'Hello?']]);
  });

  it('tells the agent in the transcript when the customer leaves after an agent joined, once', async () => {
    const { handOff, hub: current } = await setUp();
    const id = await handOff('c-3');
    const agent = (await current.context.accounts.userByEmail('agent@demo'))!;
    await current.context.presence.connected(agent.id);
    await current.context.service.setPresence(agent, 'available');
    await current.context.service.accept(agent, id);
    for (let index = 0; index < 2; index += 1) {
      const left = await current.app.inject({ method: 'POST', url: `/v1/conversations/${id}/customer-left`, headers: integrationAuth, payload: { reason: 'closed the chat window' } });
      expect(left.json()).toMatchObject({ status: 'left', state: 'assigned' });
    }
    const notes = (await current.context.conversations.messages(id)).filter((message) => message.author === 'system' && /left/.test(message.text));
    expect(notes.map((message) => message.text)).toEqual(['The customer left the conversation (closed the chat window).']);
  });
});

describe('a platform webhook after the handoff, through the one outcome settler', () => {
  it('stores a customer message by the platform conversation id, and ignores one that never handed off', async () => {
    const { handOff, hub: current } = await setUp();
    const id = await handOff('cw-88');
    const integration = (await current.context.accounts.integrationById('demo'))!;
    const settle = createOutcomeSettler({
      ingest: async (envelope, on) => current.context.service.ingest(envelope, on),
      inbound: createInboundChannel(current.db, current.context),
      pending: createMemoryPendingTranscripts(),
    });
    const message = (sourceConversationId: string) =>
      settle({ kind: 'customer-message', sourceConversationId, message: { sourceMessageId: 'cw-m-1', at: new Date().toISOString(), text: 'photo attached' } }, 'chatwoot', integration);
    expect(await message('cw-88')).toMatchObject({ status: 201, body: { status: 'stored', conversationId: id } });
    expect(await message('cw-88')).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect(await message('cw-never')).toEqual({ status: 200, body: { status: 'ignored', detail: 'this platform conversation never handed off to Warmline' } });
    expect((await current.context.conversations.messages(id)).map((m) => m.text)).toEqual(['photo attached']);
  });
});
