import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { demoHub, envelope, integrationAuth } from '../../support/hub';

let hub: Hub;
beforeEach(async () => {
  hub = await demoHub();
});
afterEach(async () => {
  await hub.app.close();
});

async function tokenOf(email: string): Promise<string> {
  const response = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } });
  return response.json<{ token: string }>().token;
}
const as = (token: string) => ({ authorization: `Bearer ${token}` });

describe('PUT /v1/me/presence', () => {
  it('sets an agent away and back, and reports offline while they have no live connection', async () => {
    const token = await tokenOf('agent@demo');
    const unconnected = await hub.app.inject({ method: 'PUT', url: '/v1/me/presence', headers: as(token), payload: { presence: 'available' } });
    expect(unconnected.statusCode).toBe(200);
    expect(unconnected.json()).toMatchObject({ presence: 'offline' });
    await hub.context.presence.connected('u_agent');
    const away = await hub.app.inject({ method: 'PUT', url: '/v1/me/presence', headers: as(token), payload: { presence: 'away' } });
    expect(away.json()).toMatchObject({ presence: 'away', since: expect.any(String) });
    expect(await hub.context.presence.isAvailable('u_agent')).toBe(false);
  });

  it('refuses a presence an agent cannot choose, and anyone who is not an agent', async () => {
    const agent = await tokenOf('agent@demo');
    const bad = await hub.app.inject({ method: 'PUT', url: '/v1/me/presence', headers: as(agent), payload: { presence: 'offline' } });
    expect(bad.statusCode).toBe(400);
    const supervisor = await tokenOf('supervisor@demo');
    const refused = await hub.app.inject({ method: 'PUT', url: '/v1/me/presence', headers: as(supervisor), payload: { presence: 'away' } });
    expect(refused.statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'PUT', url: '/v1/me/presence', payload: { presence: 'away' } })).statusCode).toBe(401);
  });
});

describe('conversation action routes', () => {
  async function assignedToAlex(): Promise<{ id: string; token: string }> {
    await hub.context.presence.connected('u_agent');
    const posted = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope({ routing: { queue: 'support', skills: ['returns'] } }) });
    const id = posted.json<{ conversationId: string }>().conversationId;
    const token = await tokenOf('agent@demo');
    expect((await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/accept`, headers: as(token) })).statusCode).toBe(200);
    return { id, token };
  }

  it('requires a disposition to resolve, and stores it', async () => {
    const { id, token } = await assignedToAlex();
    const missing = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/resolve`, headers: as(token), payload: {} });
    expect(missing.statusCode).toBe(400);
    const resolved = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/resolve`, headers: as(token), payload: { disposition: 'follow_up' } });
    expect(resolved.json()).toMatchObject({ state: 'resolved', disposition: 'follow_up', owner: { why: 'resolved by Alex Agent' } });
  });

  it('raises a flag for the owner with 201 and refuses an empty message', async () => {
    const { id, token } = await assignedToAlex();
    expect((await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/flags`, headers: as(token), payload: { message: '  ' } })).statusCode).toBe(400);
    const raised = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/flags`, headers: as(token), payload: { message: 'Asks for a manager' } });
    expect(raised.statusCode).toBe(201);
    expect(raised.json()).toMatchObject({ conversationId: id, raisedBy: { id: 'u_agent' }, message: 'Asks for a manager', answer: null });
  });

  it('answers 404 to an agent transferring a conversation they cannot see', async () => {
    const { id } = await assignedToAlex();
    const sam = await tokenOf('agent2@demo');
    const response = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/transfer`, headers: as(sam), payload: { to: { kind: 'queue', id: 'fraud' }, note: 'mine' } });
    expect(response.statusCode).toBe(404);
  });

  it('records a decline code and moves the offer on', async () => {
    await hub.context.presence.connected('u_agent');
    const posted = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope() });
    const id = posted.json<{ conversationId: string }>().conversationId;
    const token = await tokenOf('agent@demo');
    const declined = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/decline`, headers: as(token), payload: { code: 'wrong_language', reason: 'I only speak English' } });
    expect(declined.statusCode).toBe(204);
    const ended = (await hub.context.events.forAgent('u_agent', 0, 100)).find((event) => event.type === 'offer:ended');
    expect(ended).toMatchObject({ outcome: 'declined', reason: 'wrong_language: I only speak English' });
    expect((await hub.context.conversations.get(id))?.owner.why).toBe('declined by Alex Agent: wrong_language: I only speak English');
  });
});
