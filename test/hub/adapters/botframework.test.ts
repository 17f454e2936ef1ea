import { describe, expect, it } from 'vitest';
import { botframeworkAdapter } from '../../../src/hub/adapters/botframework';
import { expectHandoff, fixture, makeContext, texts } from './helpers';

const translate = (payload: unknown) => botframeworkAdapter.translate(payload, makeContext());

describe('Bot Framework adapter', () => {
  it('names a customer the channel left unnamed after their id and keeps their text verbatim', async () => {
    const envelope = expectHandoff(await translate(fixture('botframework-handoff-no-names.json')));
    expect(envelope.customer.name).toBe('Customer f1c2a8');
    expect(envelope.customer.id).toBe('user-93f1c2a8');
    expect(texts(envelope)).toEqual([
      ['customer', 'I want to return my <b>boots</b> &amp; socks'],
      ['bot', 'What is your order number?'],
      ['customer', '555-221. AGENT PLEASE'],
      ['bot', '[application/vnd.microsoft.card.adaptive]'],
    ]);
  });

  it('reads the bot’s free-form value as reason, routing and collected fields', async () => {
    const envelope = expectHandoff(await translate(fixture('botframework-handoff-no-names.json')));
    expect(envelope.reason).toEqual({ kind: 'customer_requested', source: 'bot' });
    expect(envelope.routing).toEqual({ skills: ['refunds'], priority: 2, channel: 'web' });
    expect(envelope.issue).toEqual({ department: 'returns' });
    expect(envelope.fields).toEqual([{ key: 'order_id', label: 'Order id', value: '555-221', source: 'bot' }]);
  });

  it('gives a turn without a timestamp the time of the turn before it', async () => {
    const envelope = expectHandoff(await translate(fixture('botframework-handoff-no-names.json')));
    expect(envelope.transcript.map((t) => t.at)).toEqual([
      '2026-11-20T10:12:03.123Z',
      '2026-11-20T10:12:04.000Z',
      '2026-11-20T10:12:04.000Z',
      '2026-11-20T10:12:09.000Z',
    ]);
  });

  it('accepts a handoff without a transcript attachment as an empty transcript', async () => {
    const envelope = expectHandoff(await translate({ type: 'event', name: 'handoff.initiate', conversation: { id: 'c1' }, value: 'Card payments need a human' }));
    expect(envelope.transcript).toEqual([]);
    expect(envelope.customer.name).toBe('Customer c1');
    expect(envelope.reason).toEqual({ kind: 'unknown', detail: 'Card payments need a human', source: 'bot' });
    expect(envelope.id).toBe('botframework:c1:u0');
  });

  it('ignores activities that are neither a handoff.initiate event nor a relayed user activity', async () => {
    expect(await translate({ type: 'typing', id: 'a1', conversation: { id: 'c1' } })).toMatchObject({ kind: 'ignored' });
    expect(await translate({ type: 'event', name: 'handoff.status', value: { state: 'accepted' } })).toMatchObject({ kind: 'ignored' });
    expect(await translate({ activities: [{ type: 'message', text: 'hi' }], watermark: '1' })).toMatchObject({ kind: 'ignored' });
  });

  it('refuses a transcript activity whose text is not a string, naming where it is', async () => {
    const payload = fixture('botframework-handoff-no-names.json') as { attachments: { content: { activities: { text?: unknown }[] } }[] };
    payload.attachments[0]!.content.activities[0]!.text = 42;
    const outcome = await translate(payload);
    expect(outcome).toMatchObject({ kind: 'invalid' });
    if (outcome.kind === 'invalid') expect(outcome.problems[0]?.path).toBe('attachments[0].content.activities[0].text');
  });

  it('refuses a handoff that names no conversation', async () => {
    expect(await translate({ type: 'event', name: 'handoff.initiate' })).toEqual({
      kind: 'invalid',
      problems: [{ path: 'conversation.id', message: 'the handoff names no conversation' }],
    });
  });
});
