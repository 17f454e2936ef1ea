import { afterEach, describe, expect, it } from 'vitest';
import { envelope } from '../../support/hub';
import { freshAdminHub, type AdminHub } from './admin-hub';

let current: AdminHub | null = null;
afterEach(async () => {
  await current?.hub.app.close();
  current = null;
});

describe('skills and queues in administration', () => {
  it('creates a queue with its skills, language, service level, offer timeout and watching supervisors', async () => {
    current = await freshAdminHub();
    const { call } = current;
    await call('POST', '/v1/admin/skills', { id: 'fraud', name: 'Fraud' });
    const priya = (await call('POST', '/v1/admin/people', { email: 'priya@example.com', name: 'Priya', role: 'supervisor' })).json.person;
    const created = await call('POST', '/v1/admin/queues', {
      id: 'fraud', name: 'Fraud desk', requiredSkills: ['fraud'], language: 'en', serviceLevel: { targetSeconds: 30, thresholdPercent: 90 }, offerTimeoutSeconds: 45, supervisors: [priya.id],
    });
    expect(created.status).toBe(201);
    expect(created.json.queue).toEqual({
      id: 'fraud', name: 'Fraud desk', requiredSkills: ['fraud'], language: 'en', serviceLevel: { targetSeconds: 30, thresholdPercent: 90 }, offerTimeoutSeconds: 45, supervisors: [priya.id], liveChats: 0,
    });
    // Routing reads the same queue: its required skills are what an agent needs.
    expect(await current.hub.context.accounts.queue('fraud')).toMatchObject({ requiredSkills: ['fraud'], language: 'en' });
    expect((await call('GET', '/v1/admin/people')).json.people.find((p: { id: string }) => p.id === priya.id).queues).toEqual(['fraud']);

    const changed = await call('PATCH', '/v1/admin/queues/fraud', { serviceLevel: { targetSeconds: 20, thresholdPercent: 80 } });
    expect(changed.json.queue.serviceLevel).toEqual({ targetSeconds: 20, thresholdPercent: 80 });
    expect(changed.json.queue.requiredSkills).toEqual(['fraud']);
  });

  it('refuses an unknown skill, a duplicate id, an agent as a watcher and a skill still in use, changing nothing', async () => {
    current = await freshAdminHub();
    const { call } = current;
    await call('POST', '/v1/admin/skills', { id: 'billing', name: 'Billing' });
    await call('POST', '/v1/admin/queues', { id: 'billing', name: 'Billing', requiredSkills: ['billing'] });
    const agent = (await call('POST', '/v1/admin/people', { email: 'sam@example.com', name: 'Sam', role: 'agent' })).json.person;
    const audited = (await call('GET', '/v1/admin/audit')).json.entries.length;

    const unknown = await call('POST', '/v1/admin/queues', { id: 'vip', name: 'VIP', requiredSkills: ['charm'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toEqual([{ path: 'requiredSkills', message: 'unknown skill: charm (add it under Skills first)' }]);
    expect((await call('POST', '/v1/admin/queues', { id: 'billing', name: 'Again' })).json.error.code).toBe('duplicate_queue');
    const watcher = await call('POST', '/v1/admin/queues', { id: 'vip', name: 'VIP', supervisors: [agent.id] });
    expect(watcher.json.error.details).toEqual([{ path: 'supervisors', message: `${agent.id} is not an active supervisor or admin` }]);
    const inUse = await call('DELETE', '/v1/admin/skills/billing');
    expect(inUse.status).toBe(409);
    expect(inUse.json.error.code).toBe('skill_in_use');

    expect((await call('GET', '/v1/admin/queues')).json.queues.map((q: { id: string }) => q.id)).toEqual(['billing']);
    expect((await call('GET', '/v1/admin/audit')).json.entries).toHaveLength(audited);
  });

  it('refuses to remove a queue with a live chat or one a bot hands off to, and removes an empty one', async () => {
    current = await freshAdminHub();
    const { call, hub } = current;
    await call('POST', '/v1/admin/queues', { id: 'support', name: 'Support' });
    await call('POST', '/v1/admin/queues', { id: 'returns', name: 'Returns' });
    await call('POST', '/v1/admin/queues', { id: 'spare', name: 'Spare' });
    const bot = await call('POST', '/v1/admin/integrations', { id: 'shop', name: 'Shop bot', platform: 'generic', defaultQueue: 'support' });
    const handoff = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: { authorization: `Bearer ${bot.json.token}` }, payload: envelope({ routing: { queue: 'returns' } }) });
    expect(handoff.statusCode).toBe(201);

    const live = await call('DELETE', '/v1/admin/queues/returns');
    expect(live.status).toBe(409);
    expect(live.json.error).toEqual({ code: 'queue_has_live_chats', message: 'Returns has 1 live chat(s): transfer or resolve them first.' });
    const defaulted = await call('DELETE', '/v1/admin/queues/support');
    expect(defaulted.json.error).toEqual({ code: 'queue_in_use', message: 'Integration(s) shop hand off to Support: point them at another queue first.' });
    expect((await call('DELETE', '/v1/admin/queues/spare')).status).toBe(204);
    expect((await call('GET', '/v1/admin/queues')).json.queues.map((q: { id: string; liveChats: number }) => [q.id, q.liveChats])).toEqual([['returns', 1], ['support', 0]]);
  });
});

describe('a queue\'s offer timeout', () => {
  it('sets how long an agent has to accept offers from that queue, over the hub\'s default', async () => {
    current = await freshAdminHub({ offerTimeoutMs: 30_000 });
    const { call, hub, setPassword, signIn } = current;
    await call('POST', '/v1/admin/queues', { id: 'quick', name: 'Quick', offerTimeoutSeconds: 8 });
    await call('POST', '/v1/admin/queues', { id: 'support', name: 'Support' });
    const added = await call('POST', '/v1/admin/people', { email: 'sam@example.com', name: 'Sam', role: 'agent', capacity: 2, queues: ['quick', 'support'] });
    await setPassword(added.json.passwordCode.code, 'a long agent password');
    await signIn('sam@example.com', 'a long agent password');
    await hub.context.presence.connected(added.json.person.id);
    await hub.context.accounts.saveIntegration('shop', 'Shop bot', 'shop-token', 'support');
    const post = async (queue: string) =>
      (await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: { authorization: 'Bearer shop-token' }, payload: envelope({ routing: { queue } }) })).json().conversationId as string;
    const windowOf = async (id: string) => {
      const offer = (await hub.context.conversations.get(id))!.offer!;
      return Date.parse(offer.expiresAt!) - Date.parse(offer.offeredAt);
    };
    expect(await windowOf(await post('quick'))).toBe(8_000);
    expect(await windowOf(await post('support'))).toBe(30_000);
  });
});
