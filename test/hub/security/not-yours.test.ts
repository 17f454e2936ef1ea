import { describe, expect, it } from 'vitest';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { demoHub, envelope } from '../../support/hub';
import type { Hub } from '../../../src/hub/app';

const bot = { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` };

async function sessionOf(hub: Hub, email: string): Promise<{ authorization: string }> {
  const answer = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } });
  return { authorization: `Bearer ${(answer.json() as { token: string }).token}` };
}

/** A handoff Alex (agent@demo) accepted and wrote in, with a note the bot must never read back. */
async function alexsChat(hub: Hub) {
  const alex = await sessionOf(hub, 'agent@demo');
  // Online as the stream's hello makes an agent, so that the handoff is offered to Alex.
  const account = (await hub.context.accounts.userByEmail('agent@demo'))!;
  await hub.context.presence.connected(account.id);
  await hub.context.service.agentAvailable(account);
  const created = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: bot, payload: envelope({ routing: { queue: 'support', priority: 2, channel: 'web' } }) });
  const id = (created.json() as { conversationId: string }).conversationId;
  const accepted = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/accept`, headers: alex });
  expect(accepted.statusCode).toBe(200);
  const wrote = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/messages`, headers: alex, payload: { clientMessageId: 'msg-1', text: 'Card ending 4417 verified by phone' } });
  expect(wrote.statusCode).toBe(201);
  return { id, alex };
}

describe("a bot reading back an agent's message", () => {
  it("refuses a bot that guesses an agent's clientMessageId, without showing the message", async () => {
    const hub = await demoHub();
    const { id } = await alexsChat(hub);
    const guessed = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/bot-messages`, headers: bot, payload: { clientMessageId: 'msg-1', text: 'x' } });
    expect(guessed.statusCode).toBe(409);
    expect(guessed.json()).toMatchObject({ error: { code: 'human_owns' } });
    expect(guessed.body).not.toContain('4417');
    await hub.app.close();
  });

  it("still answers a bot's retry of its own message with that message", async () => {
    const hub = await demoHub();
    const created = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: bot, payload: envelope() });
    const id = (created.json() as { conversationId: string }).conversationId;
    await hub.db.run("UPDATE conversations SET state = 'returned_to_bot' WHERE id = ?", [id]);
    const first = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/bot-messages`, headers: bot, payload: { clientMessageId: 'b-1', text: 'Back with the bot' } });
    expect(first.statusCode).toBe(201);
    const retry = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/bot-messages`, headers: bot, payload: { clientMessageId: 'b-1', text: 'Back with the bot' } });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ text: 'Back with the bot', author: 'bot' });
    await hub.app.close();
  });
});

describe("another agent's conversation", () => {
  it('answers every action on it exactly as on a conversation that does not exist', async () => {
    const hub = await demoHub();
    const { id } = await alexsChat(hub);
    const sam = await sessionOf(hub, 'agent2@demo');
    const actions: [string, object][] = [
      ['accept', {}],
      ['decline', { reason: 'busy' }],
      ['messages', { clientMessageId: 'msg-1', text: 'hello' }],
      ['resolve', { disposition: 'solved' }],
      ['flags', { message: 'help' }],
    ];
    for (const [action, payload] of actions) {
      const theirs = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/${action}`, headers: sam, payload });
      const missing = await hub.app.inject({ method: 'POST', url: `/v1/conversations/c_missing/${action}`, headers: sam, payload });
      expect([theirs.statusCode, theirs.body], action).toEqual([404, missing.body]);
      expect(theirs.body, action).not.toContain('4417');
    }
    await hub.app.close();
  });
});
