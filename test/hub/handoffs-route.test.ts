import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/hub/app';
import { demoHub, envelope, integrationAuth } from '../support/hub';

let hub: Hub;
beforeEach(async () => {
  hub = await demoHub();
});
afterEach(() => hub.app.close());

const post = (payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json', ...integrationAuth }) =>
  hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

const conversationCount = async () => (await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM conversations'))?.n;

describe('POST /v1/handoffs', () => {
  it('creates a conversation and answers 201 with its id', async () => {
    const response = await post(envelope());
    expect(response.statusCode).toBe(201);
    expect(response.json().conversationId).toMatch(/^c_/);
    expect(await conversationCount()).toBe(1);
  });

  it('answers 200 with the same id when the same envelope id is sent again, storing nothing twice', async () => {
    const body = envelope();
    const first = await post(body);
    const again = await post(body);
    expect(again.statusCode).toBe(200);
    expect(again.json().conversationId).toBe(first.json().conversationId);
    expect(await conversationCount()).toBe(1);
  });

  it('refuses a malformed envelope with 400 and one detail per problem, naming unknown fields', async () => {
    const bad = { ...envelope(), customer: { email: 'x@example.com' }, surprise: true, transcript: [{ id: 't1', author: 'robot', text: 1 }] };
    const response = await post(bad);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('invalid_envelope');
    const paths = error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['customer.name', 'transcript[0].author', 'transcript[0].text']));
    expect(error.details.find((detail: { path: string; message: string }) => detail.path === '(root)').message).toContain('surprise');
    expect(await conversationCount()).toBe(0);
  });

  it('keeps whatever a bot puts under extra, as given', async () => {
    const response = await post(envelope({ extra: { crmCase: { id: 42, tags: ['vip'] } } }));
    const stored = await hub.context.conversations.get(response.json().conversationId);
    expect(stored?.envelope.extra).toEqual({ crmCase: { id: 42, tags: ['vip'] } });
  });

  it('answers 401 without a valid integration token and stores nothing', async () => {
    expect((await post(envelope(), { 'content-type': 'application/json' })).statusCode).toBe(401);
    expect((await post(envelope(), { 'content-type': 'application/json', authorization: 'Bearer wrong' })).statusCode).toBe(401);
    expect(await conversationCount()).toBe(0);
  });

  it('answers 413 for a body over the documented 1 MiB limit, then keeps serving', async () => {
    const huge = envelope({ transcript: [{ id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'x'.repeat(5 * 1024 * 1024) }] });
    const response = await post(huge);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
    expect((await post(envelope())).statusCode).toBe(201);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await post('customer=Maria', { 'content-type': 'text/plain', ...integrationAuth });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
    expect(await conversationCount()).toBe(0);
  });

  it('answers 400 for broken JSON and for prototype-pollution keys, without changing Object.prototype', async () => {
    expect((await post('{"v":1,', { 'content-type': 'application/json', ...integrationAuth })).statusCode).toBe(400);
    const polluted = '{"v":1,"id":"p1","customer":{"name":"Eve"},"transcript":[],"__proto__":{"polluted":true}}';
    expect((await post(polluted)).statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('fills in what the bot left out and marks it derived, keeping what the bot gave', async () => {
    const bare = envelope({ reason: undefined, summary: undefined, sentiment: undefined, fields: undefined });
    bare.transcript = [
      { id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'My order 883311 never arrived and I am furious' },
      { id: 't2', at: '2026-11-20T10:12:04Z', author: 'bot', text: "Sorry, I didn't understand that." },
      { id: 't3', at: '2026-11-20T10:12:09Z', author: 'customer', text: 'I want to talk to a human' },
    ];
    const response = await post(bare);
    const stored = (await hub.context.conversations.get(response.json().conversationId))!;
    expect(stored.envelope.reason).toMatchObject({ kind: 'customer_requested', source: 'derived' });
    expect(stored.envelope.summary?.source).toBe('derived');
    expect(stored.envelope.sentiment?.source).toBe('derived');
    expect(stored.envelope.issue?.title).toBe('Refund for boots outside the 30-day window');
  });
});

describe('GET /v1/conversations/:id', () => {
  it('returns id, state and the envelope to a supervisor of the queue, and 401 without a session', async () => {
    const created = (await post(envelope())).json().conversationId as string;
    const session = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'supervisor@demo', password: 'demo' } });
    expect(session.statusCode).toBe(201);
    const token = session.json().token as string;
    const response = await hub.app.inject({ method: 'GET', url: `/v1/conversations/${created}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: created, state: 'queued', envelope: { customer: { name: 'Maria Okafor' } } });
    expect((await hub.app.inject({ method: 'GET', url: `/v1/conversations/${created}` })).statusCode).toBe(401);
  });

  it('answers 404 to an agent for a conversation that was never offered to them', async () => {
    const created = (await post(envelope())).json().conversationId as string;
    const token = (await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'agent@demo', password: 'demo' } })).json().token;
    const response = await hub.app.inject({ method: 'GET', url: `/v1/conversations/${created}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(404);
  });

  it('refuses a wrong password with 401', async () => {
    const response = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'agent@demo', password: 'nope' } });
    expect(response.statusCode).toBe(401);
  });
});
