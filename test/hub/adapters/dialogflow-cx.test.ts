import { describe, expect, it } from 'vitest';
import { dialogflowCxAdapter } from '../../../src/hub/adapters/dialogflow-cx';
import { expectHandoff, fixture, makeContext, NOW, texts } from './helpers';

const translate = (payload: unknown) => dialogflowCxAdapter.translate(payload, makeContext());
const request = () => fixture<Record<string, unknown>>('dialogflow-cx-webhook.json');

describe('Dialogflow CX adapter', () => {
  it('takes the kept transcript from the handoff metadata, reading epoch seconds, milliseconds and ISO times', () => {
    const envelope = expectHandoff(translate(request()));
    expect(texts(envelope)).toEqual([
      ['customer', 'Why was I charged 89.90?'],
      ['bot', 'I can look into charges. Which account?'],
      ['customer', 'DE-4410-22'],
    ]);
    expect(envelope.transcript.map((t) => t.at)).toEqual(['2026-11-20T10:10:00.000Z', '2026-11-20T10:10:05.000Z', '2026-11-20T10:10:10.123Z']);
  });

  it('marks the sentiment Dialogflow computed as the bot’s and names intent, session and agent', () => {
    const envelope = expectHandoff(translate(request()));
    expect(envelope.sentiment).toEqual({ score: -0.7, label: 'negative', source: 'bot' });
    expect(envelope.issue?.intent).toBe('billing.dispute');
    expect(envelope.source).toEqual({ platform: 'dialogflow-cx', bot: 'billing-agent', conversationId: 'Abc123xyz789' });
    expect(envelope.id).toBe('dialogflow-cx:Abc123xyz789:8f2c-41');
    expect(envelope.reason).toEqual({ kind: 'bot_failure', source: 'bot' });
    expect(envelope.summary?.source).toBe('bot');
    expect(envelope.routing).toEqual({ queue: 'billing', language: 'en' });
  });

  it('turns session parameters, system entities included, into fields and names the customer from them', () => {
    const envelope = expectHandoff(translate(request()));
    expect(envelope.customer).toEqual({ name: 'Jonas Weber', language: 'en' });
    expect(envelope.fields?.map((f) => [f.key, f.value])).toEqual([
      ['person', 'Jonas Weber'],
      ['account_number', 'DE-4410-22'],
      ['amount', '89.9 EUR'],
      ['verified', 'yes'],
    ]);
  });

  it('falls back to the current query as the only turn when no transcript was kept', () => {
    const payload = request();
    const messages = payload.messages as { liveAgentHandoff?: { metadata: Record<string, unknown> } }[];
    delete messages[1]!.liveAgentHandoff!.metadata.transcript;
    const envelope = expectHandoff(translate(payload));
    expect(envelope.transcript).toEqual([{ id: 'q-8f2c-41', at: NOW.toISOString(), author: 'customer', text: 'this is useless, get me a person' }]);
  });

  it('takes a telephony caller id as the phone and the channel as voice', () => {
    const envelope = expectHandoff(
      translate({ sessionInfo: { session: 'projects/p/locations/l/agents/a/sessions/s-9' }, payload: { liveAgentHandoff: {}, telephony: { caller_id: '+15550100' } } }),
    );
    expect(envelope.customer).toEqual({ name: 'Customer s-9', phone: '+15550100' });
    expect(envelope.routing?.channel).toBe('voice');
    expect(envelope.transcript).toEqual([]);
  });

  it('ignores a webhook call that does not hand off', () => {
    expect(translate({ sessionInfo: { session: 'projects/p/locations/l/agents/a/sessions/s' }, text: 'hi' })).toMatchObject({ kind: 'ignored' });
  });

  it('refuses a kept transcript turn by an author it cannot place, and a sentiment out of range', () => {
    const payload = request();
    const messages = payload.messages as { liveAgentHandoff: { metadata: { transcript: { role: string }[] } } }[];
    messages[1]!.liveAgentHandoff.metadata.transcript[0]!.role = 'ROBOT_OVERLORD';
    expect(translate(payload)).toEqual({
      kind: 'invalid',
      problems: [{ path: 'messages[1].liveAgentHandoff.metadata.transcript[0].author', message: 'unknown author "ROBOT_OVERLORD"' }],
    });
    const outcome = translate({ ...request(), sentimentAnalysisResult: { score: 3 } });
    expect(outcome.kind === 'invalid' && outcome.problems[0]?.path).toBe('sentimentAnalysisResult.score');
  });
});
