import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/hub/app';
import { demoHub, integrationAuth } from '../support/hub';

const PROTOCOLS = resolve(__dirname, '../../../shared/data/protocols');

let hub: Hub;
const conversationCount = async () => (await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM conversations'))!.n;
beforeEach(async () => {
  hub = await demoHub();
});
afterEach(() => hub.app.close());

describe.skipIf(!existsSync(PROTOCOLS))('platform payloads through the real hub', () => {
  it('turns a Bot Framework handoff.initiate into a queued conversation and answers with handoff.status', async () => {
    const activities = JSON.parse(readFileSync(resolve(PROTOCOLS, 'msbf_handoff_initiate__pva_activities.json'), 'utf8')) as { activities: { name?: string }[] };
    const initiate = activities.activities.find((activity) => activity.name === 'handoff.initiate');
    const response = await hub.app.inject({ method: 'POST', url: '/v1/integrations/botframework', headers: integrationAuth, payload: initiate });
    expect(response.statusCode).toBe(201);
    expect(response.json().activity).toMatchObject({ type: 'event', name: 'handoff.status', value: { state: 'accepted' } });
    const stored = (await hub.context.conversations.get(response.json().conversationId))!;
    expect(stored.state).toBe('queued');
    expect(stored.envelope.source?.platform).toBe('botframework');
    expect(stored.envelope.transcript.length).toBeGreaterThan(0);
    const again = await hub.app.inject({ method: 'POST', url: '/v1/integrations/botframework', headers: integrationAuth, payload: initiate });
    expect(again.statusCode).toBe(200);
    expect(again.json().conversationId).toBe(response.json().conversationId);
  });

  it("answers Rasa's own moodbot tracker, which shows no handoff, as not a handoff and stores nothing", async () => {
    const tracker = JSON.parse(readFileSync(resolve(PROTOCOLS, 'rasa_tracker__tracker_moodbot.json'), 'utf8'));
    const before = await conversationCount();
    const response = await hub.app.inject({ method: 'POST', url: '/v1/integrations/rasa', headers: integrationAuth, payload: tracker });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('ignored');
    expect(await conversationCount()).toBe(before);
  });

  it('turns a Rasa tracker that paused for a human into a conversation', async () => {
    const tracker = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/adapters/rasa-tracker-handoff.json'), 'utf8'));
    const response = await hub.app.inject({ method: 'POST', url: '/v1/integrations/rasa', headers: integrationAuth, payload: tracker });
    expect(response.statusCode).toBe(201);
    expect((await hub.context.conversations.get(response.json().conversationId))?.envelope.source?.platform).toBe('rasa');
  });
});

describe('integration endpoint guards', () => {
  it('answers 401 without the integration token', async () => {
    const response = await hub.app.inject({ method: 'POST', url: '/v1/integrations/rasa', payload: { events: [] } });
    expect(response.statusCode).toBe(401);
  });
});
