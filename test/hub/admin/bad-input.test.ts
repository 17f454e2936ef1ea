import { afterEach, describe, expect, it, vi } from 'vitest';
import { envelope } from '../../support/hub';
import { freshAdminHub, type AdminHub } from './admin-hub';

let current: AdminHub | null = null;
afterEach(async () => {
  await current?.hub.app.close();
  current = null;
});

/** A hub with a skill, a queue and an agent, and what the admin sees of it, to compare after a refusal. */
async function setUp() {
  current = await freshAdminHub();
  const { call } = current;
  await call('POST', '/v1/admin/skills', { id: 'billing', name: 'Billing' });
  await call('POST', '/v1/admin/queues', { id: 'support', name: 'Support', requiredSkills: ['billing'] });
  const sam = (await call('POST', '/v1/admin/people', { email: 'sam@example.com', name: 'Sam', role: 'agent', skills: ['billing'], queues: ['support'] })).json.person;
  const seen = async () => ({
    people: (await call('GET', '/v1/admin/people')).json.people,
    queues: (await call('GET', '/v1/admin/queues')).json.queues,
    integrations: (await call('GET', '/v1/admin/integrations')).json.integrations,
    screens: (await call('GET', '/v1/admin/screens')).json.screens,
    audit: (await call('GET', '/v1/admin/audit')).json.entries.length,
  });
  return { call, hub: current.hub, sam, seen };
}

describe('administration refuses bad input with a clear message and changes nothing', () => {
  it('refuses to give a person an unknown skill or queue in a change, naming each', async () => {
    const { call, sam, seen } = await setUp();
    const before = await seen();

    const answer = await call('PATCH', `/v1/admin/people/${sam.id}`, { skills: ['billing', 'wizardry'], queues: ['support', 'nowhere'], capacity: 9 });

    expect(answer.status).toBe(400);
    expect(answer.json.error.details).toEqual([
      { path: 'skills', message: 'unknown skill: wizardry (add it under Skills first)' },
      { path: 'queues', message: 'unknown queue: nowhere' },
    ]);
    expect(await seen()).toEqual(before);
  });

  it('refuses to make a queue require an unknown skill', async () => {
    const { call, seen } = await setUp();
    const before = await seen();

    const answer = await call('PATCH', '/v1/admin/queues/support', { requiredSkills: ['charm'], name: 'Renamed' });

    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe('unknown skill: charm (add it under Skills first)');
    expect(await seen()).toEqual(before);
  });

  it('refuses a bot integration or a wall screen for an unknown queue', async () => {
    const { call, seen } = await setUp();
    const before = await seen();

    const bot = await call('POST', '/v1/admin/integrations', { id: 'shop', name: 'Shop bot', platform: 'generic', defaultQueue: 'nowhere' });
    expect(bot.status).toBe(400);
    expect(bot.json.error).toMatchObject({ code: 'unknown_reference', message: 'unknown queue: nowhere' });
    const screen = await call('POST', '/v1/admin/screens', { name: 'Floor 2', queues: ['support', 'nowhere'] });
    expect(screen.status).toBe(400);
    expect(screen.json.error).toMatchObject({ code: 'unknown_reference', message: 'unknown queue: nowhere' });

    expect(await seen()).toEqual(before);
  });

  it('refuses to remove a queue with a live chat, leaving it, its chat and the log as they were', async () => {
    const { call, hub, seen } = await setUp();
    const bot = await call('POST', '/v1/admin/integrations', { id: 'shop', name: 'Shop bot', platform: 'generic', defaultQueue: 'support' });
    await call('POST', '/v1/admin/queues', { id: 'returns', name: 'Returns' });
    const handoff = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: { authorization: `Bearer ${bot.json.token}` }, payload: envelope({ routing: { queue: 'returns' } }) });
    // The handoff's callback to a bot without a callback URL settles as failed on its own time: wait, so only the refusal is compared.
    await vi.waitFor(async () => {
      const shop = ((await call('GET', '/v1/admin/integrations')).json.integrations as { id: string; lastDelivery: { status: string } | null }[]).find((each) => each.id === 'shop');
      expect(shop?.lastDelivery?.status).toBe('failed');
    }, { timeout: 10_000, interval: 50 });
    const before = await seen();

    const answer = await call('DELETE', '/v1/admin/queues/returns');

    expect(answer.status).toBe(409);
    expect(answer.json.error.message).toBe('Returns has 1 live chat(s): transfer or resolve them first.');
    expect(await seen()).toEqual(before);
    expect(await hub.context.conversations.get(handoff.json().conversationId)).toMatchObject({ queue: 'returns', state: 'queued' });
  });

  it('answers a change to someone or something that does not exist with a 404 that says so', async () => {
    const { call, seen } = await setUp();
    const before = await seen();

    const person = await call('PATCH', '/v1/admin/people/u_nobody', { capacity: 2 });
    expect(person.status).toBe(404);
    expect(person.json.error.message).toBe('There is no such person.');
    expect((await call('DELETE', '/v1/admin/queues/nowhere')).json.error.message).toBe('There is no such queue.');
    expect((await call('POST', '/v1/admin/screens/ws_nothing/revoke')).json.error.message).toBe('There is no such wall screen.');

    expect(await seen()).toEqual(before);
  });
});
