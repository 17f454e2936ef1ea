import { describe, expect, it } from 'vitest';
import { rasaAdapter } from '../../../src/hub/adapters/rasa';
import { expectHandoff, fixture, makeContext, texts } from './helpers';

const translate = (payload: unknown) => rasaAdapter.translate(payload, makeContext());

describe('Rasa adapter', () => {
  it('turns user and bot events into turns with epoch seconds as ISO times', async () => {
    const envelope = expectHandoff(await translate(fixture('rasa-tracker-handoff.json')));
    expect(texts(envelope)).toEqual([
      ['customer', 'I need to change my booking BK-20931'],
      ['bot', "Sorry, I didn't get that."],
      ['customer', 'let me speak to someone'],
    ]);
    expect(envelope.transcript.map((t) => [t.id, t.at])).toEqual([
      ['user-u-1', '2026-11-20T10:03:11.250Z'],
      ['e2', '2026-11-20T10:03:12.500Z'],
      ['user-u-2', '2026-11-20T10:03:19.000Z'],
    ]);
  });

  it('reads slots as fields without Rasa’s bookkeeping, the latest intent and the action’s own context', async () => {
    const envelope = expectHandoff(await translate(fixture('rasa-tracker-handoff.json')));
    expect(envelope.fields?.map((f) => [f.key, f.value])).toEqual([
      ['email', 'lee@example.com'],
      ['booking_ref', 'BK-20931'],
      ['party_size', '4'],
    ]);
    expect(envelope.issue).toEqual({ intent: 'human_handoff', department: 'reservations' });
    expect(envelope.reason).toEqual({ kind: 'customer_requested', source: 'bot' });
    expect(envelope.customer).toEqual({ id: '5e1f0a9c-77aa-4b1e-9d2a-0c3e2f1b9a10', name: 'Customer 1b9a10', email: 'lee@example.com' });
    expect(envelope.routing?.channel).toBe('web');
  });

  it('maps the same tracker to the same id and a later handoff in the conversation to a new one', async () => {
    const tracker = fixture<{ tracker: { events: unknown[] } }>('rasa-tracker-handoff.json');
    const first = expectHandoff(await translate(tracker));
    expect(expectHandoff(await translate(tracker)).id).toBe(first.id);
    tracker.tracker.events.push({ event: 'user', timestamp: 1795169100, text: 'hello?' }, { event: 'pause', timestamp: 1795169101 });
    expect(expectHandoff(await translate(tracker)).id).not.toBe(first.id);
  });

  it('hands off a handoff action call with no events as an empty transcript', async () => {
    const envelope = expectHandoff(await translate({ next_action: 'action_handoff', sender_id: 'x1', tracker: { sender_id: 'x1', events: [] } }));
    expect(envelope.transcript).toEqual([]);
    expect(envelope.customer.name).toBe('Customer x1');
  });

  it('hands off Rasa’s call of a handoff action and never shows its metadata as customer fields', async () => {
    const { tracker } = fixture<{ tracker: Record<string, unknown> }>('rasa-tracker-handoff.json');
    const call = { next_action: 'action_handoff_to_human', sender_id: tracker.sender_id, tracker, domain: { intents: ['greet'], slots: {} }, version: '3.6.20' };
    const envelope = expectHandoff(await translate(call));
    const keys = envelope.fields?.map((f) => f.key) ?? [];
    expect(keys).toEqual(['email', 'booking_ref', 'party_size']);
    for (const rasaKey of ['next_action', 'sender_id', 'domain', 'version', 'tracker']) expect(keys).not.toContain(rasaKey);
    expect(JSON.stringify(envelope)).not.toContain('3.6.20');
  });

  it.each(['action_greet', 'utter_goodbye', 'action_check_balance', 'action_session_start'])(
    'answers a call of any other action (%s) as not a handoff',
    async (action) => {
      const { tracker } = fixture<{ tracker: Record<string, unknown> }>('rasa-tracker-handoff.json');
      expect(await translate({ next_action: action, sender_id: 's', tracker, domain: {}, version: '3.6.20' })).toMatchObject({ kind: 'ignored' });
    },
  );

  it('answers a tracker that shows no handoff as not a handoff, bare or wrapped', async () => {
    const tracker = { sender_id: 's-3', latest_action_name: 'action_listen', events: [{ event: 'user', text: 'hi' }, { event: 'bot', text: 'Hello!' }] };
    expect(await translate(tracker)).toMatchObject({ kind: 'ignored' });
    expect(await translate({ tracker, reason: 'customer_requested' })).toMatchObject({ kind: 'ignored' });
    const resumed = { ...tracker, events: [{ event: 'pause' }, ...tracker.events] };
    expect(await translate(resumed)).toMatchObject({ kind: 'ignored' });
  });

  it('hands off a tracker whose latest action is a handoff action or whose bot sent the Chatroom handoff', async () => {
    const events = [{ event: 'user', text: 'a human please', timestamp: 1795168999 }];
    expect(expectHandoff(await translate({ sender_id: 's-4', latest_action_name: 'action_human_handoff', events })).customer.id).toBe('s-4');
    const chatroom = { sender_id: 's-5', events: [...events, { event: 'bot', data: { custom: { handoff_host: 'https://h', title: 'Support' } } }] };
    expect(expectHandoff(await translate(chatroom)).routing?.queue).toBe('Support');
  });

  it('refuses an action call whose action name is not a string', async () => {
    expect(await translate({ next_action: 42, tracker: { sender_id: 's' } })).toMatchObject({ kind: 'invalid', problems: [{ path: 'next_action' }] });
  });

  it('refuses a tracker without a sender and one whose event time is not a number, naming the path', async () => {
    expect(await translate({ events: [] })).toMatchObject({ kind: 'invalid', problems: [{ path: 'sender_id' }] });
    const outcome = await translate({ tracker: { sender_id: 's', events: [{ event: 'user', text: 'hi', timestamp: 'yesterday' }] } });
    expect(outcome).toMatchObject({ kind: 'invalid', problems: [{ path: 'tracker.events[0].timestamp' }] });
  });

  it('takes the customer’s message from a Rasa channel connector in the REST channel’s body, keyed by its message id', async () => {
    expect(await translate({ sender: 'fin-7', message: 'Is my card unblocked? <script>x</script>', message_id: 'a1b2', input_channel: 'rest', metadata: {} })).toEqual({
      kind: 'customer-message',
      sourceConversationId: 'fin-7',
      message: { sourceMessageId: 'a1b2', at: '2026-11-20T10:30:00.000Z', text: 'Is my card unblocked? <script>x</script>' },
    });
    expect(await translate({ sender: 'fin-7', message: '   ', message_id: 'a1b3' })).toMatchObject({ kind: 'ignored' });
    expect(await translate({ sender: 'fin-7', message: 'hello' })).toMatchObject({ kind: 'invalid', problems: [{ path: 'message_id' }] });
  });
});
