import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { demoHub } from '../../support/hub';

/** Bot Framework, Dialogflow CX and Rasa payloads the hub must refuse or ignore, through HTTP. */

let hub: Hub;
beforeEach(async () => {
  hub = await demoHub();
});
afterEach(() => hub.app.close());

const post = (platform: string, payload: unknown) =>
  hub.app.inject({ method: 'POST', url: `/v1/integrations/${platform}`, headers: { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}`, 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

describe('after-handoff messages and odd payloads of Bot Framework, Dialogflow CX and Rasa', () => {
  it('ignores a customer message for a platform conversation that never handed off, creating nothing', async () => {
    const relayed = await post('botframework', { type: 'message', id: 'a-1', conversation: { id: 'never-handed-off' }, from: { id: 'u', role: 'user' }, text: 'hello?' });
    expect(relayed.statusCode).toBe(200);
    expect(relayed.json()).toMatchObject({ status: 'ignored' });
    const rasa = await post('rasa', { sender: 'never-handed-off', message: 'hello?', message_id: 'm-1' });
    expect(rasa.statusCode).toBe(200);
    expect(rasa.json()).toMatchObject({ status: 'ignored' });
    // A real handoff afterwards is the only conversation the supervisor's queues show.
    expect((await post('rasa', { next_action: 'action_handoff', sender_id: 'real', tracker: { sender_id: 'real', events: [] } })).statusCode).toBe(201);
    const list = await hub.app.inject({ method: 'GET', url: '/v1/conversations', headers: { authorization: `Bearer ${await token()}` } });
    expect(list.json().conversations.map((c: { envelope: { source: { conversationId: string } } }) => c.envelope.source.conversationId)).toEqual(['real']);
  });

  it('answers malformed payloads with a 400 that names the field, and JSON it cannot parse with a 4xx', async () => {
    const dialogflow = await post('dialogflow-cx', { sessionInfo: { session: 'projects/p/locations/l/agents/a/sessions/s' }, messages: [{ liveAgentHandoff: {} }], sentimentAnalysisResult: { score: 'very bad' } });
    expect(dialogflow.statusCode).toBe(400);
    expect(JSON.stringify(dialogflow.json())).toContain('sentimentAnalysisResult.score');
    const rasa = await post('rasa', { next_action: 'action_handoff', tracker: { events: 'many' } });
    expect(rasa.statusCode).toBe(400);
    const botframework = await post('botframework', { type: 'message', conversation: { id: 'c' }, text: 'no id' });
    expect(botframework.statusCode).toBe(400);
    expect(JSON.stringify(botframework.json())).toContain('"id"');
    for (const platform of ['botframework', 'dialogflow-cx', 'rasa']) {
      const broken = await post(platform, '{"type": "message", ');
      expect(broken.statusCode).toBeGreaterThanOrEqual(400);
      expect(broken.statusCode).toBeLessThan(500);
    }
  });

  it('refuses a 5 MB body with 413', async () => {
    const huge = await post('rasa', { sender: 's', message: 'x'.repeat(5 * 1024 * 1024), message_id: 'big' });
    expect(huge.statusCode).toBe(413);
  });
});

async function token(): Promise<string> {
  const response = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'supervisor@demo', password: 'demo' } });
  return response.json().token as string;
}
