import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/hub/app';
import { newWebhookSecret, signWebhook } from '../../src/hub/auth/webhook-signature';
import { demoHub, envelope } from '../support/hub';

const TOKEN = 'signed-bot-token';
let hub: Hub;
let secret: string;

beforeEach(async () => {
  hub = await demoHub();
  secret = newWebhookSecret();
  await hub.context.accounts.saveIntegration('signed-bot', 'Signed bot', TOKEN, 'support', secret);
});
afterEach(() => hub.app.close());

const conversationCount = async () => (await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM conversations'))!.n;

function signedPost(body: string, options: { id?: string; at?: Date; key?: string; sentBody?: string; url?: string } = {}) {
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const at = options.at ?? new Date();
  return hub.app.inject({
    method: 'POST',
    url: options.url ?? '/v1/handoffs',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${TOKEN}`,
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signWebhook(options.key ?? secret, id, at, body),
    },
    payload: options.sentBody ?? body,
  });
}

describe('signed webhooks from an integration with a signing secret', () => {
  it('accepts a correctly signed handoff', async () => {
    const response = await signedPost(JSON.stringify(envelope()));
    expect(response.statusCode).toBe(201);
  });

  it('refuses with 401 and stores nothing: no signature, a wrong secret, a tampered or re-serialised body, a stale timestamp', async () => {
    const body = JSON.stringify(envelope());
    const unsigned = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, payload: body });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error.message).toContain('webhook-signature');
    expect((await signedPost(body, { key: newWebhookSecret() })).statusCode).toBe(401);
    expect((await signedPost(body, { sentBody: body.replace('Maria', 'Mallory') })).statusCode).toBe(401);
    expect((await signedPost(body, { sentBody: JSON.stringify(JSON.parse(body), null, 2) })).statusCode).toBe(401);
    expect((await signedPost(body, { at: new Date(Date.now() - 10 * 60_000) })).statusCode).toBe(401);
    expect(await conversationCount()).toBe(0);
  });

  it('refuses a replay of the same delivery, but takes a retry re-signed later as the same handoff', async () => {
    const body = JSON.stringify(envelope());
    const at = new Date();
    const first = await signedPost(body, { id: 'msg_1', at });
    expect(first.statusCode).toBe(201);
    const replay = await signedPost(body, { id: 'msg_1', at });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.message).toMatch(/replay/i);
    const retry = await signedPost(body, { id: 'msg_1', at: new Date(at.getTime() + 2000) });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().conversationId).toBe(first.json().conversationId);
    expect(await conversationCount()).toBe(1);
  });

  it('guards the endpoints of platforms that can sign the same way', async () => {
    // Bot Framework bots can sign; Dialogflow CX and Rasa send fixed headers only (unsigned-platforms.test.ts).
    const activity = JSON.stringify({ type: 'event', name: 'handoff.initiate', id: 'a1', conversation: { id: 'c1' } });
    const unsigned = await hub.app.inject({ method: 'POST', url: '/v1/integrations/botframework', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, payload: activity });
    expect(unsigned.statusCode).toBe(401);
    expect((await signedPost(activity, { url: '/v1/integrations/botframework' })).statusCode).not.toBe(401);
  });
});
