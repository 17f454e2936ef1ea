import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { demoHub } from '../../support/hub';

/** Dialogflow CX and Rasa can send a static header but cannot sign; Bot Framework bots can. */

const SECRET = `whsec_${Buffer.from('unsigned-platforms-test-secret!!').toString('base64')}`;
let hub: Hub;

beforeEach(async () => {
  hub = await demoHub();
  await hub.context.accounts.setSigningSecret('demo', SECRET);
});
afterEach(() => hub.app.close());

const post = (platform: string, payload: unknown, headers: Record<string, string> = {}) =>
  hub.app.inject({ method: 'POST', url: `/v1/integrations/${platform}`, headers: { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}`, ...headers }, payload: payload as object });

const dialogflowHandoff = {
  detectIntentResponseId: 'r-1',
  sessionInfo: { session: 'projects/p/locations/global/agents/a/sessions/s-1', parameters: { full_name: 'Ana Lima' } },
  messages: [{ liveAgentHandoff: { metadata: {} } }],
};
const rasaCall = { next_action: 'action_handoff', sender_id: 'r-1', tracker: { sender_id: 'r-1', events: [] }, domain: {}, version: '3.6.20' };

describe('platforms that cannot sign, on an integration with a signing secret', () => {
  it('take a Dialogflow CX webhook call and a Rasa action call with the bearer token alone', async () => {
    expect((await post('dialogflow-cx', dialogflowHandoff)).statusCode).toBe(201);
    expect((await post('rasa', rasaCall)).statusCode).toBe(201);
  });

  it('still refuse a wrong token, and a request that carries a bad signature', async () => {
    expect((await post('dialogflow-cx', dialogflowHandoff, { authorization: 'Bearer nope' })).statusCode).toBe(401);
    const forged = { 'webhook-id': 'x1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' };
    expect((await post('rasa', rasaCall, forged)).statusCode).toBe(401);
  });

  it('require the signature from a Bot Framework bot, which can sign', async () => {
    const activity = { type: 'event', name: 'handoff.initiate', conversation: { id: 'c-1' } };
    expect((await post('botframework', activity)).statusCode).toBe(401);
  });
});
