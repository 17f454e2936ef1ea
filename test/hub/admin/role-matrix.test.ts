import { afterEach, describe, expect, it } from 'vitest';
import { adminRoutesOf } from '../../../src/hub/admin/admin-router';
import { DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD, DEMO_WALLBOARD_TOKEN, seedDemo } from '../../../src/hub/demo/seed';
import { auditOf, freshAdminHub, type AdminHub } from './admin-hub';

let current: AdminHub | null = null;
afterEach(async () => {
  await current?.hub.app.close();
  current = null;
});

/** A body every admin route would accept in shape, so a refusal can only come from who asks. */
const BODY = { id: 'matrix', name: 'Matrix', email: 'matrix@example.com', role: 'agent', queues: ['support'], platform: 'generic', defaultQueue: 'support', csv: 'email,name,role\nm@example.com,M,agent\n', apply: true, hubDays: 30, desktopCacheDays: 30 };

describe('the admin API refuses everyone but admins', () => {
  it('answers every admin route 401 without a session or with an integration token, and 403 to agents, supervisors and wallboards, changing nothing', async () => {
    current = await freshAdminHub();
    const { hub, call, signIn } = current;
    await seedDemo(hub);
    const callers: [string, string | null, number][] = [
      ['nobody', null, 401],
      ['integration token', DEMO_INTEGRATION_TOKEN, 401],
      ['agent', await signIn('agent@demo', DEMO_PASSWORD), 403],
      ['supervisor', await signIn('supervisor@demo', DEMO_PASSWORD), 403],
      ['wallboard', DEMO_WALLBOARD_TOKEN, 403],
    ];
    // The callback and channel routes predate the router and are registered on their own.
    const routes = [...adminRoutesOf(hub.app), { method: 'PUT', url: '/v1/admin/integrations/:id/callback' }, { method: 'PUT', url: '/v1/admin/integrations/:id/channel' }];
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const auditBefore = (await auditOf(hub.db)).length;
    const peopleBefore = (await call('GET', '/v1/admin/people')).json.people;

    for (const { method, url } of routes) {
      const concrete = url.replace(':id', url.includes('integrations') ? 'demo' : 'u_agent');
      for (const [who, token, status] of callers) {
        const answer = await call(method, concrete, method === 'GET' || method === 'DELETE' ? undefined : BODY, token);
        expect({ who, method, url, status: answer.status }).toEqual({ who, method, url, status });
        expect(answer.json.error.code).toBe(status === 401 ? 'unauthorized' : 'forbidden');
      }
    }
    expect(await auditOf(hub.db)).toHaveLength(auditBefore);
    expect((await call('GET', '/v1/admin/people')).json.people).toEqual(peopleBefore);
    // The same routes do answer an admin (the sentinel that the matrix reached real routes).
    expect((await call('GET', '/v1/admin/people')).status).toBe(200);
  });
});
