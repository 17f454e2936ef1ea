import { describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN, DEMO_WALLBOARD_TOKEN, seedDemo } from '../../../src/hub/demo/seed';
import { auditOf } from '../admin/admin-hub';
import { testHub } from '../../support/test-store';

async function seededHub() {
  const hub = await testHub({ offerTimeoutMs: null });
  await seedDemo(hub);
  return hub;
}

const asAdmin = async (hub: Awaited<ReturnType<typeof seededHub>>) => {
  const signIn = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'admin@demo', password: 'demo' } });
  const token = (signIn.json() as { token: string }).token;
  return (url: string) => hub.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }).then((answer) => answer.json() as Record<string, unknown>);
};

describe('the demo seed', () => {
  it('sets the demo up through Administration: every person, queue, skill, screen and bot shows there, audited as the demo seed', async () => {
    const hub = await seededHub();
    const get = await asAdmin(hub);

    const { people } = (await get('/v1/admin/people')) as { people: { id: string; email: string; role: string; isActive: boolean }[] };
    expect(people.map((person) => `${person.id} ${person.email} ${person.role}`).sort()).toEqual([
      'u_admin admin@demo admin',
      'u_agent agent@demo agent',
      'u_agent2 agent2@demo agent',
      'u_agent3 agent3@demo agent',
      'u_supervisor supervisor@demo supervisor',
    ]);
    const { queues } = (await get('/v1/admin/queues')) as { queues: { id: string; requiredSkills: string[] }[] };
    expect(queues.map((queue) => `${queue.id}:${queue.requiredSkills.join(',')}`).sort()).toEqual(['billing:billing', 'fraud:fraud', 'support:']);
    const { skills } = (await get('/v1/admin/skills')) as { skills: { id: string }[] };
    expect(skills.map((skill) => skill.id).sort()).toEqual(['account', 'billing', 'delivery', 'fraud', 'returns']);
    const { screens } = (await get('/v1/admin/screens')) as { screens: { id: string; queues: string[] }[] };
    expect(screens).toEqual([{ id: 'u_wallboard', name: 'Floor wallboard', queues: ['billing', 'fraud', 'support'], isActive: true }]);
    const { integrations } = (await get('/v1/admin/integrations')) as { integrations: { id: string; defaultQueue: string }[] };
    expect(integrations.map((integration) => `${integration.id}→${integration.defaultQueue}`)).toEqual(['demo→support']);

    const audit = await auditOf(hub.db);
    expect(new Set(audit.map((entry) => entry.actor.name))).toEqual(new Set(['demo seed']));
    expect(audit.filter((entry) => entry.action === 'person.created')).toHaveLength(5);
    expect(audit.filter((entry) => entry.action === 'queue.created')).toHaveLength(3);
    expect(audit.filter((entry) => entry.action === 'skill.saved')).toHaveLength(5);
    expect(audit.filter((entry) => entry.action === 'screen.created')).toHaveLength(1);
    expect(audit.filter((entry) => entry.action === 'integration.created')).toHaveLength(1);
    const logged = JSON.stringify(audit);
    expect(logged).not.toContain(DEMO_INTEGRATION_TOKEN);
    expect(logged).not.toContain(DEMO_WALLBOARD_TOKEN);
    await hub.app.close();
  });

  it('gives the demo its public sign-ins: password "demo", the bot token and the wall screen’s URL token', async () => {
    const hub = await seededHub();
    const signIn = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'agent@demo', password: 'demo' } });
    expect(signIn.statusCode).toBe(201);
    const board = await hub.app.inject({ method: 'GET', url: '/v1/wallboard/snapshot?dayStart=2026-11-20T00:00:00.000Z', headers: { authorization: `Bearer ${DEMO_WALLBOARD_TOKEN}` } });
    expect(board.statusCode).toBe(200);
    const handoff = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` }, payload: { v: 1, id: 'seed-test:1', customer: { name: 'Ana' }, transcript: [] } });
    expect(handoff.statusCode).toBe(201);
    await hub.app.close();
  });

  it('adds nothing when seeded again, and keeps what an admin changed since', async () => {
    const hub = await seededHub();
    const agent = (await hub.administration.users.personByEmail('agent@demo'))!;
    await hub.administration.users.setQueues(agent.id, ['support']);
    const entries = (await auditOf(hub.db)).length;

    await seedDemo(hub);

    expect(await auditOf(hub.db)).toHaveLength(entries);
    expect((await hub.administration.users.person(agent.id))!.queues).toEqual(['support']);
    await hub.app.close();
  });

  it('makes each part once when seeded twice at the same moment, as replicas starting together do', async () => {
    const hub: Hub = await testHub({ offerTimeoutMs: null });
    await Promise.all([seedDemo(hub), seedDemo(hub)]);

    const audit = await auditOf(hub.db);
    expect(audit.filter((entry) => entry.action === 'person.created')).toHaveLength(5);
    expect(audit.filter((entry) => entry.action === 'queue.created')).toHaveLength(3);
    expect(audit.filter((entry) => entry.action === 'integration.created')).toHaveLength(1);
    const signIn = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'agent2@demo', password: 'demo' } });
    expect(signIn.statusCode).toBe(201);
    await hub.app.close();
  });
});
