import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPendingTranscripts } from '../../../src/hub/adapters/pending-memory';
import { integrationRoutes } from '../../../src/hub/adapters/routes';
import { createOutcomeSettler } from '../../../src/hub/adapters/settle';
import { registerErrorHandling } from '../../../src/hub/routes/errors';
import { StoreUnavailableError } from '../../../src/hub/store/sql/sql';
import type { HandoffEnvelope } from '../../../src/shared/envelope';
import { fixture, NOW } from './helpers';

const TOKEN = 'Bearer demo-integration';
const INTEGRATION = { id: 'int-demo', name: 'Demo', defaultQueue: 'support', signingSecret: null };

/** A hub that stores each envelope id once, like the real ingest, and can be made to fail. */
function build(options: { failIngest?: true | 'store-down' } = {}) {
  const stored = new Map<string, { envelope: HandoffEnvelope; integrationId: string }>();
  const pending = createMemoryPendingTranscripts();
  const app = Fastify();
  registerErrorHandling(app);
  const settle = createOutcomeSettler({
    ingest: async (envelope, integration) => {
      if (options.failIngest === 'store-down') throw new StoreUnavailableError(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      if (options.failIngest) throw new Error('disk full');
      const created = !stored.has(envelope.id);
      if (created) stored.set(envelope.id, { envelope, integrationId: integration.id });
      return { created, conversationId: `wl-${[...stored.keys()].indexOf(envelope.id) + 1}` };
    },
    // No conversation here ever handed off: what the platforms say afterwards is answered as ignored.
    inbound: {
      keepFiles: async (_integration, _target, message) => message,
      message: async () => ({ kind: 'ignored', detail: 'never handed off' }),
      left: async () => ({ kind: 'ignored', detail: 'never handed off' }),
    },
    pending,
  });
  void app.register(
    integrationRoutes({
      authenticate: async (request) => (request.headers.authorization === TOKEN ? INTEGRATION : null),
      settle,
      pending,
      now: () => NOW,
    }),
  );
  const post = (platform: string, payload: unknown, authorization = TOKEN) =>
    app.inject({ method: 'POST', url: `/v1/integrations/${platform}`, headers: { authorization }, payload: payload as object });
  return { app, stored, pending, post };
}

let current: ReturnType<typeof build> | undefined;
const setup = (options?: { failIngest?: true | 'store-down' }) => (current = build(options));
afterEach(async () => {
  await current?.app.close();
});

describe('POST /v1/integrations/:platform', () => {
  it('answers a Bot Framework handoff with 201, the conversation and the handoff.status activity, then 200 on replay', async () => {
    const { post, stored } = setup();
    const first = await post('botframework', fixture('botframework-handoff-no-names.json'));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      conversationId: 'wl-1',
      status: 'accepted',
      activity: { type: 'event', name: 'handoff.status', value: { state: 'accepted' } },
    });
    expect([...stored.values()][0]?.integrationId).toBe('int-demo');
    const replay = await post('botframework', fixture('botframework-handoff-no-names.json'));
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ conversationId: 'wl-1', status: 'accepted' });
    expect(stored.size).toBe(1);
  });

  it('refuses a request without a valid integration token with 401', async () => {
    const { post } = setup();
    const response = await post('rasa', fixture('rasa-tracker-handoff.json'), 'Bearer wrong');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthorized', message: 'a valid integration token is required' } });
  });

  it('answers 404 for a platform without an adapter', async () => {
    const { post } = setup();
    const response = await post('teams-classic', {});
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('answers an invalid payload with 400 and the problems, storing nothing', async () => {
    const { post, stored } = setup();
    const response = await post('rasa', { events: [] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'invalid_payload', message: 'the rasa payload is not valid', details: [{ path: 'sender_id', message: expect.any(String) }] },
    });
    expect(stored.size).toBe(0);
  });

  it('answers a body that is not JSON with 400 invalid_payload', async () => {
    const { app } = setup();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/integrations/chatwoot',
      headers: { authorization: TOKEN, 'content-type': 'application/json' },
      payload: '{"event": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_payload');
  });

  it('records Chatwoot messages with 202 and clears them only once the handoff is stored', async () => {
    const { post, pending, stored } = setup();
    const recorded = await post('chatwoot', fixture('chatwoot-message-incoming.json'));
    expect(recorded.statusCode).toBe(202);
    expect(recorded.json()).toEqual({ status: 'recorded' });
    const handoff = await post('chatwoot', fixture('chatwoot-status-open.json'));
    expect(handoff.statusCode).toBe(201);
    expect(stored.get('chatwoot:88')?.envelope.transcript.map((t) => t.text)).toEqual(['my parcel <script>alert(1)</script> never came']);
    expect((await pending.read('chatwoot:int-demo:88')).turns).toEqual([]);
  });

  it('keeps the pending transcript and answers 500 when the hub cannot store the handoff', async () => {
    const { post, pending } = setup({ failIngest: true });
    await post('chatwoot', fixture('chatwoot-message-incoming.json'));
    const response = await post('chatwoot', fixture('chatwoot-status-open.json'));
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('internal');
    expect((await pending.read('chatwoot:int-demo:88')).turns).toHaveLength(1);
  });

  it('answers 503 with Retry-After, not 500, while the hub cannot reach its store, and keeps the pending transcript', async () => {
    const { post, pending } = setup({ failIngest: 'store-down' });
    await post('chatwoot', fixture('chatwoot-message-incoming.json'));
    const response = await post('chatwoot', fixture('chatwoot-status-open.json'));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.json().error.code).toBe('store_unavailable');
    expect((await pending.read('chatwoot:int-demo:88')).turns).toHaveLength(1);
  });

  it('answers an irrelevant event with 200 ignored and its reason', async () => {
    const { post } = setup();
    const response = await post('chatwoot', { event: 'webwidget_triggered' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ignored', detail: 'Chatwoot event webwidget_triggered does not concern a handoff' });
  });

  it('gives Botpress the ids it requires for the remote user and the remote conversation', async () => {
    const { post } = setup();
    const user = await post('botpress', { type: 'createRemoteUser', payload: { name: 'Kofi' } });
    expect(user.statusCode).toBe(202);
    expect(user.json()).toEqual({ status: 'recorded', id: expect.stringMatching(/^bpu-/) });
    const conversation = await post('botpress', { type: 'createRemoteConversation', payload: { title: 'Help', messages: [] } });
    expect(conversation.statusCode).toBe(201);
    expect(conversation.json()).toEqual({ id: 'wl-1', conversationId: 'wl-1', status: 'accepted' });
  });

  it('answers Dialogflow CX with session parameters naming the Warmline conversation', async () => {
    const { post } = setup();
    const response = await post('dialogflow-cx', fixture('dialogflow-cx-webhook.json'));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      conversationId: 'wl-1',
      status: 'accepted',
      sessionInfo: { parameters: { warmline_handoff_state: 'accepted', warmline_conversation_id: 'wl-1' } },
    });
  });
});
