import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { testHub } from '../../support/test-store';
import { seedDemo } from '../../../src/hub/demo/seed';
import { createBotSessionRepository } from '../../../src/hub/store/bot-sessions';
import { envelope, integrationAuth } from '../../support/hub';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.app.close();
  hub = null;
});

// Rate-limit windows are aligned to the hub's clock: one standing still mid-window keeps a test's requests in one window.
const MID_WINDOW = new Date('2026-12-01T09:00:30Z');

async function botHub(limit = { max: 100, timeWindowMs: 60_000 }, now?: () => Date): Promise<Hub> {
  hub = await testHub({ integrationRateLimit: limit, ...(now ? { now } : {}) });
  await seedDemo(hub);
  await hub.context.accounts.saveIntegration('other-bot', 'Other bot', 'other-token', 'support');
  return hub;
}

const post = (app: Hub['app'], url: string, body: unknown, headers: Record<string, string> = integrationAuth) =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

async function handOff(app: Hub['app']): Promise<string> {
  const response = await post(app, '/v1/handoffs', envelope());
  return (response.json() as { conversationId: string }).conversationId;
}

describe('POST /v1/conversations/:id/bot-messages', () => {
  it('refuses the bot with 409 human_owns once the conversation is handed to people, storing nothing', async () => {
    const { app, context } = await botHub();
    const id = await handOff(app);
    const response = await post(app, `/v1/conversations/${id}/bot-messages`, { clientMessageId: 'b1', text: 'Anything else?' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'human_owns' } });
    expect(await context.conversations.messages(id)).toEqual([]);
  });

  it("answers 404 to a bot writing into another integration's conversation, 401 without a token, 400 for a bad body", async () => {
    const { app } = await botHub();
    const id = await handOff(app);
    const foreign = await post(app, `/v1/conversations/${id}/bot-messages`, { clientMessageId: 'b1', text: 'hi' }, { authorization: 'Bearer other-token' });
    expect(foreign.statusCode).toBe(404);
    expect((await post(app, `/v1/conversations/${id}/bot-messages`, { clientMessageId: 'b1', text: 'hi' }, {})).statusCode).toBe(401);
    const bad = await post(app, `/v1/conversations/${id}/bot-messages`, { text: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });
});

describe('POST /v1/bot-sessions', () => {
  it('records contained sessions per intent and channel, counting a retried report once', async () => {
    const { app, db } = await botHub();
    const report = { contained: 40, intent: 'order_status', channel: 'web', at: '2026-11-20T10:00:00Z' };
    const first = await post(app, '/v1/bot-sessions', report, { ...integrationAuth, 'idempotency-key': 'r-1' });
    expect(first.statusCode).toBe(201);
    const retry = await post(app, '/v1/bot-sessions', report, { ...integrationAuth, 'idempotency-key': 'r-1' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'duplicate' });
    await post(app, '/v1/bot-sessions', { contained: 2, intent: 'refund_request', channel: 'web', at: '2026-11-20T11:00:00Z' });
    await post(app, '/v1/bot-sessions', { contained: 5, intent: 'order_status', at: '2026-11-21T09:00:00Z' });

    const sessions = createBotSessionRepository(db);
    expect(await sessions.countBetween('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z')).toBe(42);
    expect(await sessions.countBetween('2026-11-20T00:00:00Z', '2026-11-22T00:00:00Z', { intent: 'order_status' })).toBe(45);
    expect(await sessions.countBetween('2026-11-20T00:00:00Z', '2026-11-22T00:00:00Z', { channel: 'web', integrationId: 'demo' })).toBe(42);
    expect(await sessions.countBetween('2026-11-20T00:00:00Z', '2026-11-22T00:00:00Z', { integrationId: 'other-bot' })).toBe(0);
  });

  it('refuses a negative count or a date that is not one with 400, recording nothing', async () => {
    const { app, db } = await botHub();
    expect((await post(app, '/v1/bot-sessions', { contained: -1 })).statusCode).toBe(400);
    const badDate = await post(app, '/v1/bot-sessions', { contained: 3, at: 'yesterday' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ error: { details: [{ path: 'at' }] } });
    expect(await createBotSessionRepository(db).countBetween('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).toBe(0);
  });
});

describe('rate limits per integration', () => {
  it('answers 429 with the error body and Retry-After past the limit, without slowing another integration', async () => {
    const { app, context } = await botHub({ max: 3, timeWindowMs: 60_000 }, () => MID_WINDOW);
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await post(app, '/v1/handoffs', envelope())).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await post(app, '/v1/handoffs', envelope({ id: 'refused:1' }));
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/at most 3/) } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await context.conversations.findByEnvelope('demo', 'refused:1')).toBeNull();

    expect((await post(app, '/v1/handoffs', envelope(), { authorization: 'Bearer other-token' })).statusCode).toBe(201);
  });

  it('limits the bot routes the same way', async () => {
    const { app } = await botHub({ max: 2, timeWindowMs: 60_000 }, () => MID_WINDOW);
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await post(app, '/v1/bot-sessions', { contained: 1 })).statusCode);
    expect(statuses).toEqual([201, 201, 429]);
  });
});
