import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerBotpressHitl } from '../../../src/hub/adapters/botpress-route';
import { registerChatwootWebhook } from '../../../src/hub/adapters/chatwoot-route';
import { signChatwoot } from '../../../src/hub/adapters/chatwoot-signature';
import { createMemoryPendingTranscripts } from '../../../src/hub/adapters/pending-memory';
import type { PlatformRouteDeps } from '../../../src/hub/adapters/platform-route';
import type { AdapterOutcome } from '../../../src/hub/adapters/types';
import type { RequestWithRawBody } from '../../../src/hub/context';
import { registerErrorHandling } from '../../../src/hub/routes/errors';
import { fixture, NOW } from './helpers';

const TOKEN = 'tok_Acme-123';
const SECRET = 'cw-webhook-secret';
const integration = { id: 'int-1', name: 'Acme', defaultQueue: 'support', signingSecret: null };

/** The hub's JSON parsing (raw text kept for signatures) and error shape, with the outcomes recorded instead of applied. */
function build(settings: Record<string, unknown> = {}, rateLimit?: { max: number; timeWindowMs: number }, answer: (outcome: AdapterOutcome) => { status: number; body: Record<string, unknown> } = (outcome) =>
    outcome.kind === 'invalid' ? { status: 400, body: { error: { code: 'invalid_payload', details: outcome.problems } } } : { status: 200, body: { status: 'applied' } }) {
  const applied: AdapterOutcome[] = [];
  const seen = new Set<string>();
  const app = Fastify();
  registerErrorHandling(app);
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    (request as RequestWithRawBody).rawBody = body as string;
    void parseJson(request, body as string, done);
  });
  const deps: PlatformRouteDeps = {
    integrationByToken: async (token) => (token === TOKEN ? integration : null),
    channelSettings: async () => settings,
    receipts: { remember: async (id, message, timestamp) => !seen.has(`${id}|${message}|${timestamp}`) && Boolean(seen.add(`${id}|${message}|${timestamp}`)) },
    pending: createMemoryPendingTranscripts(),
    settle: async (outcome) => {
      applied.push(outcome);
      return answer(outcome);
    },
    now: () => NOW,
    rateLimit,
  };
  registerChatwootWebhook(app, deps);
  registerBotpressHitl(app, deps);
  current = app;
  return { app, applied };
}

let current: ReturnType<typeof Fastify> | undefined;
afterEach(async () => {
  await current?.close();
});

const seconds = String(Math.floor(NOW.getTime() / 1000));
const signed = (body: string, timestamp = seconds, delivery = 'a3f1c2d4-0000-4000-8000-000000000001') => ({
  'content-type': 'application/json',
  'x-chatwoot-delivery': delivery,
  'x-chatwoot-timestamp': timestamp,
  'x-chatwoot-signature': signChatwoot(SECRET, timestamp, body),
});

describe('POST /v1/integrations/chatwoot/{token}', () => {
  const status = JSON.stringify(fixture('chatwoot-status-open.json'));

  it('takes an unsigned webhook on the integration the URL names when the channel has no Chatwoot secret', async () => {
    const { app, applied } = build();
    const response = await app.inject({ method: 'POST', url: `/v1/integrations/chatwoot/${TOKEN}`, headers: { 'content-type': 'application/json' }, payload: status });
    expect(response.statusCode).toBe(200);
    expect(applied).toMatchObject([{ kind: 'handoff', envelope: { source: { platform: 'chatwoot', conversationId: '88' } } }]);
  });

  it('refuses a URL that names no integration, before reading anything', async () => {
    const { app, applied } = build();
    const response = await app.inject({ method: 'POST', url: '/v1/integrations/chatwoot/guess', headers: { 'content-type': 'application/json' }, payload: status });
    expect(response.statusCode).toBe(401);
    expect(applied).toEqual([]);
  });

  it('requires Chatwoot’s signature once the channel has its webhook secret, and checks it over the raw body', async () => {
    const { app, applied } = build({ webhookSecret: SECRET });
    const post = (headers: Record<string, string>, payload = status) => app.inject({ method: 'POST', url: `/v1/integrations/chatwoot/${TOKEN}`, headers, payload });
    expect((await post({ 'content-type': 'application/json' })).statusCode).toBe(401);
    expect((await post({ ...signed(status), 'x-chatwoot-signature': signChatwoot('other', seconds, status) })).statusCode).toBe(401);
    expect((await post(signed(status), status.replace('"open"', '"OPEN"'))).statusCode).toBe(401);
    expect((await post(signed(status, String(Number(seconds) - 301)))).statusCode).toBe(401);
    expect(applied).toEqual([]);
    expect((await post(signed(status))).statusCode).toBe(200);
    expect(applied).toHaveLength(1);
  });

  it('accepts the agent bot’s secret as well as the account webhook’s', async () => {
    const { app } = build({ webhookSecret: 'account-secret', agentBotSecret: SECRET });
    const response = await app.inject({ method: 'POST', url: `/v1/integrations/chatwoot/${TOKEN}`, headers: signed(status), payload: status });
    expect(response.statusCode).toBe(200);
  });

  it('answers a replayed signed delivery as a duplicate and applies it once', async () => {
    const { app, applied } = build({ webhookSecret: SECRET });
    const post = () => app.inject({ method: 'POST', url: `/v1/integrations/chatwoot/${TOKEN}`, headers: signed(status), payload: status });
    expect((await post()).statusCode).toBe(200);
    const replay = await post();
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ status: 'duplicate' });
    expect(applied).toHaveLength(1);
  });

  it('limits each integration’s webhooks like the bot routes, before reading the body', async () => {
    const { app, applied } = build({}, { max: 2, timeWindowMs: 60_000 });
    const post = () => app.inject({ method: 'POST', url: `/v1/integrations/chatwoot/${TOKEN}`, headers: { 'content-type': 'application/json' }, payload: status });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(200);
    const third = await post();
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(third.headers['retry-after']).toBeDefined();
    expect(applied).toHaveLength(2);
  });

  it('answers malformed bodies with a 4xx, never a 5xx', async () => {
    const { app, applied } = build();
    const post = (payload: string, type = 'application/json') => app.inject({ method: 'POST', url: `/v1/integrations/chatwoot/${TOKEN}`, headers: { 'content-type': type }, payload });
    expect((await post('{"event": "message_created",')).statusCode).toBe(400);
    expect((await post('event=message_created', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
    expect((await post(JSON.stringify({ event: 'message_created', id: 'x'.repeat(2 * 1024 * 1024) }))).statusCode).toBe(413);
    expect((await post('{"__proto__": {"admin": true}, "event": "message_created"}')).statusCode).toBe(400);
    expect(applied).toEqual([]);
  });
});

describe('POST /v1/integrations/botpress/{token}/{operation}', () => {
  const post = (app: ReturnType<typeof Fastify>, operation: string, body: unknown) =>
    app.inject({ method: 'POST', url: `/v1/integrations/botpress/${TOKEN}/${operation}`, payload: body as object });

  it('answers ping 200, as hitl-api’s register needs', async () => {
    const { app } = build();
    expect((await post(app, 'ping', { type: 'ping' })).statusCode).toBe(200);
  });

  it('answers createRemoteUser and createRemoteConversation with the ids hitl-api keeps', async () => {
    const { app, applied } = build({}, undefined, () => ({ status: 201, body: { conversationId: 'wl-1', status: 'accepted' } }));
    const user = await post(app, 'createRemoteUser', { type: 'createRemoteUser', payload: { role: 'end-user', name: 'Kofi' } });
    expect(user.statusCode).toBe(200);
    expect(user.json()).toMatchObject({ id: expect.stringMatching(/^bpu-/) });
    const ticket = await post(app, 'createRemoteConversation', { type: 'createRemoteConversation', payload: { title: 'Refund', description: 'wants a refund' } });
    expect(ticket.statusCode).toBe(201);
    const id = (ticket.json() as { id: string }).id;
    expect(applied).toMatchObject([{ kind: 'handoff', envelope: { source: { platform: 'botpress', conversationId: id } } }]);
  });

  it('refuses a body whose type is not the endpoint’s, and an endpoint hitl-api does not have', async () => {
    const { app, applied } = build();
    expect((await post(app, 'botSendsMessage', { type: 'createRemoteConversation', payload: {} })).statusCode).toBe(400);
    expect((await post(app, 'botSendsMessage', [1, 2])).statusCode).toBe(400);
    expect((await post(app, 'deleteEverything', { type: 'deleteEverything' })).statusCode).toBe(404);
    expect(applied).toEqual([]);
    expect((await post(app, 'botSendsMessage', { type: 'botSendsMessage', remoteConversationId: 'c' })).statusCode).toBe(400);
    expect(applied).toMatchObject([{ kind: 'invalid' }]);
  });

  it('refuses a URL that names no integration', async () => {
    const { app } = build();
    const response = await app.inject({ method: 'POST', url: '/v1/integrations/botpress/nope/ping', payload: { type: 'ping' } });
    expect(response.statusCode).toBe(401);
  });
});
