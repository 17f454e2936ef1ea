import { describe, expect, it } from 'vitest';
import { dialogflowCxAdapter } from '../../../src/hub/adapters/dialogflow-cx';
import { expectHandoff, fixture, makeContext, NOW, texts } from './helpers';

const translate = (payload: unknown) => dialogflowCxAdapter.translate(payload, makeContext());
const request = () => fixture<Record<string, unknown>>('dialogflow-cx-webhook.json');

describe('Dialogflow CX adapter', () => {
  it('takes the kept transcript from the handoff metadata, then the query and the bot’s own messages of the turn', async () => {
    const envelope = expectHandoff(await translate(request()));
    expect(texts(envelope)).toEqual([
      ['customer', 'Why was I charged 89.90?'],
      ['bot', 'I can look into charges. Which account?'],
      ['customer', 'DE-4410-22'],
      ['customer', 'this is useless, get me a person'],
      ['bot', 'Connecting you with a specialist.'],
    ]);
    expect(envelope.transcript.map((t) => t.at)).toEqual([
      '2026-11-20T10:10:00.000Z',
      '2026-11-20T10:10:05.000Z',
      '2026-11-20T10:10:10.123Z',
      NOW.toISOString(),
      NOW.toISOString(),
    ]);
  });

  it('does not repeat this turn’s words when the kept transcript already holds them', async () => {
    const payload = request();
    const messages = payload.messages as { liveAgentHandoff?: { metadata: { transcript: unknown[] } } }[];
    messages[1]!.liveAgentHandoff!.metadata.transcript.push({ role: 'END_USER', text: 'this is useless, get me a person' });
    expect(texts(expectHandoff(await translate(payload))).filter(([, text]) => text === 'this is useless, get me a person')).toHaveLength(1);
  });

  it('puts every text and spoken response of the handoff turn in the transcript as the bot’s, in order', async () => {
    const envelope = expectHandoff(
      await translate({
        detectIntentResponseId: 'r-9',
        sessionInfo: { session: 'projects/p/locations/l/agents/a/environments/draft/sessions/s-1' },
        text: 'agent please',
        messages: [
          { text: { text: ['I understand.', 'Let me find someone.'] }, responseType: 'ENTRY_PROMPT' },
          { outputAudioText: { text: 'Please hold.' } },
          { payload: { richContent: [] } },
          { liveAgentHandoff: { metadata: {} } },
        ],
      }),
    );
    expect(envelope.transcript.map((t) => [t.id, t.author, t.text])).toEqual([
      ['q-r-9', 'customer', 'agent please'],
      ['m-r-9-0', 'bot', 'I understand.\nLet me find someone.'],
      ['m-r-9-1', 'bot', 'Please hold.'],
    ]);
    expect(envelope.source?.bot).toBe('a');
  });

  it.each([
    [{ 'caller-name': 'Ana Lima' }],
    [{ full_name: 'Ana Lima' }],
    [{ name: { name: 'ana', original: 'Ana Lima' } }],
    [{ 'name.original': 'Ana Lima' }],
    [{ CustomerName: 'Ana Lima', 'caller-id': '+4930' }],
  ])('names the customer from the person parameter %j', async (parameters) => {
    const envelope = expectHandoff(
      await translate({ sessionInfo: { session: 'projects/p/locations/l/agents/a/sessions/s-2', parameters }, messages: [{ liveAgentHandoff: {} }] }),
    );
    expect(envelope.customer.name).toBe('Ana Lima');
  });

  it('marks the sentiment Dialogflow computed as the bot’s and names intent, session and agent', async () => {
    const envelope = expectHandoff(await translate(request()));
    expect(envelope.sentiment).toEqual({ score: -0.7, label: 'negative', source: 'bot' });
    expect(envelope.issue?.intent).toBe('billing.dispute');
    expect(envelope.source).toEqual({ platform: 'dialogflow-cx', bot: 'billing-agent', conversationId: 'Abc123xyz789' });
    expect(envelope.id).toBe('dialogflow-cx:Abc123xyz789:8f2c-41');
    expect(envelope.reason).toEqual({ kind: 'bot_failure', source: 'bot' });
    expect(envelope.summary?.source).toBe('bot');
    expect(envelope.routing).toEqual({ queue: 'billing', language: 'en' });
  });

  it('turns session parameters, system entities included, into fields and names the customer from them', async () => {
    const envelope = expectHandoff(await translate(request()));
    expect(envelope.customer).toEqual({ name: 'Jonas Weber', language: 'en' });
    expect(envelope.fields?.map((f) => [f.key, f.value])).toEqual([
      ['person', 'Jonas Weber'],
      ['account_number', 'DE-4410-22'],
      ['amount', '89.9 EUR'],
      ['verified', 'yes'],
    ]);
  });

  it('takes the current query and the bot’s messages of the turn as the transcript when none was kept', async () => {
    const payload = request();
    const messages = payload.messages as { liveAgentHandoff?: { metadata: Record<string, unknown> } }[];
    delete messages[1]!.liveAgentHandoff!.metadata.transcript;
    const envelope = expectHandoff(await translate(payload));
    expect(envelope.transcript).toEqual([
      { id: 'q-8f2c-41', at: NOW.toISOString(), author: 'customer', text: 'this is useless, get me a person' },
      { id: 'm-8f2c-41-0', at: NOW.toISOString(), author: 'bot', text: 'Connecting you with a specialist.' },
    ]);
  });

  it('takes a telephony caller id as the phone and the channel as voice', async () => {
    const envelope = expectHandoff(
      await translate({ sessionInfo: { session: 'projects/p/locations/l/agents/a/sessions/s-9' }, payload: { liveAgentHandoff: {}, telephony: { caller_id: '+15550100' } } }),
    );
    expect(envelope.customer).toEqual({ name: 'Customer s-9', phone: '+15550100' });
    expect(envelope.routing?.channel).toBe('voice');
    expect(envelope.transcript).toEqual([]);
  });

  it('ignores a webhook call that does not hand off', async () => {
    expect(await translate({ sessionInfo: { session: 'projects/p/locations/l/agents/a/sessions/s' }, text: 'hi' })).toMatchObject({ kind: 'ignored' });
  });

  it('refuses a kept transcript turn by an author it cannot place, and a sentiment out of range', async () => {
    const payload = request();
    const messages = payload.messages as { liveAgentHandoff: { metadata: { transcript: { role: string }[] } } }[];
    messages[1]!.liveAgentHandoff.metadata.transcript[0]!.role = 'ROBOT_OVERLORD';
    expect(await translate(payload)).toEqual({
      kind: 'invalid',
      problems: [{ path: 'messages[1].liveAgentHandoff.metadata.transcript[0].author', message: 'unknown author "ROBOT_OVERLORD"' }],
    });
    const outcome = await translate({ ...request(), sentimentAnalysisResult: { score: 3 } });
    expect(outcome.kind === 'invalid' && outcome.problems[0]?.path).toBe('sentimentAnalysisResult.score');
  });
});
