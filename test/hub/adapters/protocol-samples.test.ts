import { describe, expect, it } from 'vitest';
import { adapters } from '../../../src/hub/adapters/registry';
import { formatHandoffStatus } from '../../../src/hub/adapters/status';
import { expectHandoff, hasProtocols, jsoncValue, makeContext, protocolJson, readProtocol, texts } from './helpers';

/**
 * Every real payload in ../shared/data/protocols is accepted and becomes a correct envelope.
 * Schematic docs (type names instead of values) are instantiated with values of the named types.
 */

const PLACEHOLDERS: Record<string, unknown> = {
  integer: 17,
  string: 'sample',
  boolean: false,
  'unix-timestamp': 1_700_000_000,
  'iso-datetime': '2023-11-14T22:13:20Z',
  datetime: '2023-11-14T22:13:20Z',
  'string / null': null,
  object: {},
  'string - contact/user': 'contact',
};

/** A value for every key of a Chatwoot docs schema, of the type the docs name. */
function instantiate(schema: unknown, overrides: Record<string, unknown> = {}): unknown {
  if (typeof schema === 'string') return Object.hasOwn(PLACEHOLDERS, schema) ? PLACEHOLDERS[schema] : schema;
  if (Array.isArray(schema)) return schema.map((item) => instantiate(item));
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, Object.hasOwn(overrides, key) ? overrides[key] : instantiate(value)]),
  );
}

const chatwootSchema = (name: string) => jsoncValue(readProtocol(`chatwoot_webhook_${name}__docs_schema.jsonc`)) as Record<string, unknown>;

describe.skipIf(!hasProtocols)('real payloads of each platform (../shared/data/protocols; skipped when absent)', () => {
  it('turns the Power Virtual Agents handoff.initiate activity into an envelope with its transcript, customer and topic', async () => {
    const payload = protocolJson('msbf_handoff_initiate__pva_activities.json');
    const envelope = expectHandoff(await adapters.botframework.translate(payload, makeContext()));
    expect(envelope.customer).toMatchObject({ id: 'pva_H1YHD_be80720b-bdb0-4561-aae2-5f891f2f02e0', name: 'C2 User', language: 'En-US' });
    expect(envelope.source).toEqual({ platform: 'botframework', bot: 'Test501', conversationId: '91hcXEd0ZYCBPoRwBDPHZ6-o' });
    expect(texts(envelope)).toEqual([
      ['customer', 'store hours'],
      ['bot', "I'm happy to help with store hours."],
    ]);
    expect(envelope.transcript.map((t) => t.at)).toEqual(['2020-02-10T21:51:21.491Z', '2020-02-10T21:51:30.636Z']);
    expect(envelope.issue).toEqual({ title: 'Lesson 1 - A simple topic', intent: 'Lesson 1 - A simple topic' });
    expect(envelope.reason).toEqual({ kind: 'unknown', detail: 'Transferred', source: 'bot' });
    const again = expectHandoff(await adapters.botframework.translate(payload, makeContext()));
    expect(again.id).toBe(envelope.id);
  });

  it.each(['completed', 'failed'])('answers Bot Framework with the handoff.status value of the docs (%s)', (state) => {
    const value = protocolJson(`msbf_handoff_status_value__${state}.json`) as { state: 'completed' | 'failed'; message?: string };
    const body = formatHandoffStatus('botframework', { ...value, conversationId: 'wl-1' });
    expect(body).toEqual({ type: 'event', name: 'handoff.status', value });
  });

  it('turns a Dialogflow CX webhook request carrying the documented liveAgentHandoff metadata into an envelope', async () => {
    const metadata = protocolJson('dialogflow_cx_liveAgentHandoff_metadata__terraform_docs_example.json');
    const request = {
      detectIntentResponseId: 'resp-1',
      sessionInfo: { session: 'projects/p/locations/global/agents/returns-agent/sessions/sess-42', parameters: {} },
      messages: [{ liveAgentHandoff: { metadata } }],
    };
    const envelope = expectHandoff(await adapters['dialogflow-cx'].translate(request, makeContext()));
    expect(envelope.fields).toEqual([
      { key: 'some-metadata-key', label: 'Some metadata key', value: 'some-value', source: 'bot' },
      { key: 'other-metadata-key', label: 'Other metadata key', value: '1234', source: 'bot' },
    ]);
    expect(envelope.source).toEqual({ platform: 'dialogflow-cx', bot: 'returns-agent', conversationId: 'sess-42' });
    expect(envelope.transcript).toEqual([]);
  });

  it('reads only WebhookRequest and ResponseMessage fields that the Dialogflow CX reference documents', async () => {
    const reference = readProtocol('dialogflow_cx_rest_json_representations.txt');
    for (const key of ['detectIntentResponseId', 'languageCode', 'fulfillmentInfo', 'intentInfo', 'pageInfo', 'sessionInfo', 'messages', 'payload', 'sentimentAnalysisResult', 'liveAgentHandoff', 'metadata', 'channel', '"text"', '"transcript"']) {
      expect(reference).toContain(key);
    }
  });

  it('keeps the documented Chatwoot message_created sample and hands it off when the conversation opens', async () => {
    const ctx = makeContext();
    const message = protocolJson('chatwoot_webhook_message_created__docs_sample.cleaned.json');
    expect(await adapters.chatwoot.translate(message, ctx)).toMatchObject({ kind: 'recorded' });
    const statusChanged = {
      ...chatwootSchema('conversation_status_changed'),
      ...(instantiate(chatwootSchema('object_conversation'), { id: '1', status: 'open', account_id: '1', messages: [] }) as object),
      meta: { sender: instantiate(chatwootSchema('object_contact'), { name: 'contact-name', id: 1 }) },
    };
    const envelope = expectHandoff(await adapters.chatwoot.translate(statusChanged, ctx));
    expect(texts(envelope)).toEqual([['customer', 'Hi']]);
    expect(envelope.transcript[0]).toMatchObject({ id: 'cw-1', at: '2020-03-03T13:05:57.000Z', name: 'contact-name' });
    expect(envelope.customer).toMatchObject({ id: '1', name: 'contact-name' });
    expect(envelope.id).toBe('chatwoot:1');
  });

  it('accepts conversation and message payloads shaped exactly as the Chatwoot schema docs type them', async () => {
    const ctx = makeContext();
    const messageObject = instantiate(chatwootSchema('object_message'), { id: 5, content: 'Where is my parcel?', message_type: 0 });
    const conversation = instantiate(chatwootSchema('object_conversation'), { messages: [messageObject], status: 'pending' });
    const created = { ...chatwootSchema('conversation_created'), ...(conversation as object) };
    expect(await adapters.chatwoot.translate(created, ctx)).toMatchObject({ kind: 'recorded' });
    const opened = { ...chatwootSchema('conversation_status_changed'), ...(conversation as object), status: 'open', messages: [] };
    const envelope = expectHandoff(await adapters.chatwoot.translate(opened, ctx));
    expect(texts(envelope)).toEqual([['customer', 'Where is my parcel?']]);
    expect(envelope.transcript[0]?.at).toBe('2023-11-14T22:13:20.000Z');
  });

  it('tells Chatwoot a handoff was accepted with the toggle_status body its agent bots send', async () => {
    const body = protocolJson('chatwoot_agentbot_handoff_toggle_status__request_body_from_demo_code.json');
    expect(formatHandoffStatus('chatwoot', { state: 'accepted', conversationId: 'wl-1' })).toEqual(body);
  });

  it('answers the Rasa moodbot tracker, which shows no handoff, as not a handoff', async () => {
    const tracker = protocolJson('rasa_tracker__tracker_moodbot.json');
    expect(await adapters.rasa.translate(tracker, makeContext())).toMatchObject({ kind: 'ignored' });
  });

  it('turns Rasa’s call of a handoff action on the moodbot tracker into an envelope with the user turns, the latest intent and the sender', async () => {
    const tracker = protocolJson('rasa_tracker__tracker_moodbot.json') as { sender_id: string };
    const call = { next_action: 'action_handoff', sender_id: tracker.sender_id, tracker, domain: {}, version: '3.6.0' };
    const envelope = expectHandoff(await adapters.rasa.translate(call, makeContext()));
    expect(texts(envelope)).toEqual([
      ['customer', '/greet'],
      ['customer', '/mood_great'],
    ]);
    expect(envelope.transcript.map((t) => t.at)).toEqual(['2018-02-05T09:08:46.200Z', '2018-02-05T09:08:46.209Z']);
    expect(envelope.issue?.intent).toBe('mood_great');
    expect(envelope.customer).toEqual({ id: 'mysender', name: 'Customer mysender' });
    expect(envelope.fields).toBeUndefined();
    expect(envelope.id).toBe('rasa:mysender:u2');
  });

  it('routes a Rasa handoff to the title of the Chatroom handoff message the bot sent', async () => {
    const custom = protocolJson('rasa_financial_demo_chatroom_handoff_json_message.json');
    const tracker = {
      sender_id: 'fin-7',
      events: [
        { event: 'user', timestamp: 1700000000, text: 'I want to talk to a person' },
        { event: 'bot', timestamp: 1700000001, text: null, data: { custom } },
      ],
    };
    const envelope = expectHandoff(await adapters.rasa.translate(tracker, makeContext()));
    expect(envelope.routing?.queue).toBe('<title for bot/channel handed off to>');
    expect(texts(envelope)).toEqual([['customer', 'I want to talk to a person']]);
  });

  it('serves the Botpress HITL calls of its OpenAPI: creates the user, then the conversation that names them', async () => {
    const api = protocolJson('botpress_hitl_api__openapi_external_service.json') as {
      components: { schemas: Record<string, { properties: { type: { enum: string[] } } }> };
    };
    const [userType] = api.components.schemas.CreateRemoteUserPayload!.properties.type.enum;
    const [conversationType] = api.components.schemas.CreateRemoteConversationPayload!.properties.type.enum;
    const ctx = makeContext();
    const user = await adapters.botpress.translate({ type: userType, payload: { role: 'end-user', name: 'Ama Mensah', email: 'ama@example.com' } }, ctx);
    if (user.kind !== 'recorded' || !user.reply?.id) throw new Error(`expected a recorded user, got ${JSON.stringify(user)}`);
    const conversation = {
      type: conversationType,
      payload: {
        title: 'Card blocked abroad',
        description: 'Customer card declined in Lisbon; bot could not unblock.',
        messages: [
          { text: 'my card is blocked', author: user.reply.id, timestamp: '2026-11-20T10:00:00.000Z' },
          { text: 'Let me get a colleague.', author: 'BOT', timestamp: '2026-11-20T10:00:02.000Z' },
        ],
      },
    };
    const envelope = expectHandoff(await adapters.botpress.translate(conversation, ctx));
    expect(envelope.customer).toEqual({ id: user.reply.id, name: 'Ama Mensah', email: 'ama@example.com' });
    expect(texts(envelope)).toEqual([
      ['customer', 'my card is blocked'],
      ['bot', 'Let me get a colleague.'],
    ]);
    expect(envelope.issue?.title).toBe('Card blocked abroad');
    expect(envelope.summary).toEqual({ text: 'Customer card declined in Lisbon; bot could not unblock.', source: 'bot' });
  });
});
