import { describe, expect, it } from 'vitest';
import type { HandoffEnvelope } from '../../src/shared/envelope';
import { findRepeatAsks, findRestatedFields } from '../../src/shared/repeat-ask';

const envelope: HandoffEnvelope = {
  v: 1,
  id: 'returns-bot:c-88231:1',
  customer: { name: 'Maria Okafor', email: 'maria@example.com', phone: '+44 20 7946 0958' },
  issue: { title: 'Refund for boots outside the 30-day window' },
  fields: [
    { key: 'orderId', label: 'Order', value: '555' },
    { key: 'account_number', value: '351531510', source: 'derived' },
    { key: 'dob', label: 'Date of birth', value: '29/02/1980' },
  ],
  transcript: [],
};

const keysOf = (draft: string, env: HandoffEnvelope = envelope): string[] => findRepeatAsks(draft, env).map((ask) => ask.fieldKey);

describe('findRepeatAsks', () => {
  it('warns when the agent asks for an order number the customer already gave, showing the value', () => {
    expect(findRepeatAsks('Hi Maria! Can I have your order number please?', envelope)).toEqual([
      { fieldKey: 'order_id', label: 'Order', knownValue: '555', matchedText: 'order number' },
    ]);
  });

  it.each([
    ['Please confirm your account number.', 'account_number'],
    ['What is your email address?', 'email'],
    ['Could you tell me your full name?', 'name'],
    ['And your phone number?', 'phone'],
    ['Can you give me your date of birth?', 'date_of_birth'],
    ['How can I help you today?', 'issue'],
    ["What's the issue?", 'issue'],
  ])('warns for "%s"', (draft, key) => {
    expect(keysOf(draft)).toEqual([key]);
  });

  it('finds every repeat ask in a draft that asks for several things', () => {
    expect(keysOf('Thanks for waiting. What is your account number and date of birth? Also, what email did you use?')).toEqual([
      'account_number',
      'date_of_birth',
      'email',
    ]);
  });

  it.each([
    'I can see your order 555.',
    'Is your order number still 555?',
    'I have your account number here, one moment.',
    'Thanks, I will check the order number now.',
    'Did you get an email from us?',
    'I see you were born on 29/02/1980, so you are eligible.',
  ])('stays quiet for "%s", which does not ask for anything already held', (draft) => {
    expect(keysOf(draft)).toEqual([]);
  });

  it('stays quiet when the envelope does not hold the field being asked for', () => {
    expect(keysOf('What is your booking reference?')).toEqual([]);
    const bare: HandoffEnvelope = { v: 1, id: 'x', customer: { name: 'Visitor' }, transcript: [] };
    expect(keysOf('Could you tell me your full name? How can I help?', bare)).toEqual([]);
  });

  it('uses the summary as the known issue when there is no title', () => {
    const env: HandoffEnvelope = { v: 1, id: 'x', customer: { name: 'Guest 42' }, summary: { text: 'Wants a refund.' }, transcript: [] };
    expect(findRepeatAsks('What seems to be the problem?', env)).toEqual([
      { fieldKey: 'issue', label: 'Issue', knownValue: 'Wants a refund.', matchedText: 'What seems to be the problem' },
    ]);
  });

  it('copes with drafts of any length and content', () => {
    expect(keysOf(`${'<b>x</b> 🙂 '.repeat(5000)}`)).toEqual([]);
    expect(keysOf('')).toEqual([]);
  });
});

describe('findRestatedFields', () => {
  it('notices a customer giving their account number again, however they space it', () => {
    expect(findRestatedFields('I already told the bot: 3515 31510!', envelope)).toEqual([
      { fieldKey: 'account_number', label: 'Account number', knownValue: '351531510', matchedText: '351531510' },
    ]);
  });

  it('notices an email, a phone and the full name said again', () => {
    const restated = findRestatedFields('Maria Okafor here, MARIA@example.com, call 020 7946 0958? no: +44 20 7946 0958', envelope);
    expect(restated.map((r) => r.fieldKey).sort()).toEqual(['email', 'name', 'phone']);
  });

  it('does not count a different number or a first name alone', () => {
    expect(findRestatedFields('Maria, my other account is 351531511 and order 5550', envelope)).toEqual([]);
  });
});
