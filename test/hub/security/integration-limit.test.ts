import { afterEach, describe, expect, it } from 'vitest';
import { build, type Hub } from '../../../src/hub/app';
import { onPostgres, testDatabase, testHub } from '../../support/test-store';
import { DEMO_INTEGRATION_TOKEN, seedDemo } from '../../../src/hub/demo/seed';
import { envelope } from '../../support/hub';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.app.close();
  hub = null;
});

const asBot = (token: string) => ({ authorization: `Bearer ${token}` });
// Rate-limit windows are aligned to the hub's clock: one standing still mid-window keeps a test's requests in one window.
const midWindow = () => new Date('2026-12-01T09:00:30Z');

describe('the per-integration rate limit', () => {
  it('counts every route an integration token reaches against one allowance, platform webhooks included', async () => {
    hub = await testHub({ integrationRateLimit: { max: 5, timeWindowMs: 60_000 }, now: midWindow });
    await seedDemo(hub);
    await hub.context.accounts.saveIntegration('other-bot', 'Other bot', 'other-token', 'support');
    const post = (url: string, payload: unknown, token = DEMO_INTEGRATION_TOKEN) => hub!.app.inject({ method: 'POST', url, headers: asBot(token), payload: payload as object });

    expect((await post('/v1/handoffs', envelope())).statusCode).toBe(201);
    expect((await post('/v1/handoffs', envelope())).statusCode).toBe(201);
    expect((await post('/v1/bot-sessions', { contained: 3 })).statusCode).toBe(201);
    expect((await post('/v1/integrations/rasa', { sender_id: 'x', events: [] })).statusCode).toBeLessThan(429);
    expect((await post('/v1/integrations/botframework', {})).statusCode).toBeLessThan(429);
    for (const url of ['/v1/integrations/botframework', '/v1/integrations/rasa', '/v1/handoffs', '/v1/bot-sessions']) {
      const refused = await post(url, url === '/v1/handoffs' ? envelope() : {});
      expect(refused.statusCode, url).toBe(429);
      expect(refused.json(), url).toMatchObject({ error: { code: 'rate_limited' } });
      expect(Number(refused.headers['retry-after']), url).toBeGreaterThan(0);
    }
    // Another integration has its own allowance.
    expect((await post('/v1/handoffs', envelope(), 'other-token')).statusCode).toBe(201);
  });

  it('limits a flood of /v1/integrations/:platform requests that name no integration by address', async () => {
    hub = await testHub({ integrationRateLimit: { max: 3, timeWindowMs: 60_000 }, now: midWindow });
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      statuses.push((await hub.app.inject({ method: 'POST', url: '/v1/integrations/rasa', headers: asBot('guess'), payload: {} })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('the per-integration rate limit across replicas', () => {
  const replicas: Hub[] = [];
  afterEach(async () => {
    for (const replica of replicas.splice(0)) await replica.app.close();
  });

  it.skipIf(!onPostgres)('holds for the whole floor: two hubs on one PostgreSQL share one allowance (PostgreSQL only: a SQLite store has one hub)', async () => {
    const database = await testDatabase();
    const limit = { max: 4, timeWindowMs: 60_000 };
    replicas.push(await build({ ...database, integrationRateLimit: limit, now: midWindow }));
    replicas.push(await build({ ...database, integrationRateLimit: limit, now: midWindow }));
    const [first, second] = replicas as [Hub, Hub];
    await seedDemo(first);
    const post = (target: Hub) => target.app.inject({ method: 'POST', url: '/v1/bot-sessions', headers: asBot(DEMO_INTEGRATION_TOKEN), payload: { contained: 1 } });
    const statuses = [];
    for (const target of [first, second, first, second, first, second]) statuses.push((await post(target)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });
});
