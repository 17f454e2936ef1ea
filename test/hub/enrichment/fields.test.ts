import { describe, expect, it } from 'vitest';
import { findBirthDate } from '../../../src/hub/enrichment/dates';
import { candidatesIn, deriveFields } from '../../../src/hub/enrichment/fields';
import { findAmounts, findEmails, findPhones } from '../../../src/hub/enrichment/identifiers';
import { answeredName, statedName } from '../../../src/hub/enrichment/names';
import { transcriptOf } from './conversation';

const valueOf = (text: string, key: string, asked: Parameters<typeof candidatesIn>[1] = []): string | undefined =>
  candidatesIn(text, asked).find((c) => c.key === key)?.value;

describe('names', () => {
  it.each([
    ['my name is Jane Doe and I need help', 'Jane Doe'],
    ['Hi, this is Maria from London', 'Maria'],
    ["I'm Brian White. I'd like to report fraud.", 'Brian White'],
    ['Angela is my name and the restaurant is Legume', 'Angela'],
    ["I'm Mark. My friends call me Marko.", 'Mark'],
    ['May name is Alexis and my AC is broken', 'Alexis'],
  ])('reads the name in "%s"', (text, name) => {
    expect(statedName(text)).toBe(name);
  });

  it.each(["I'm angry", 'This is ridiculous', 'I am Looking for help', 'I am in room 301', 'this is Terrible!!!', "It's April"])(
    'finds no name in "%s"',
    (text) => {
      expect(statedName(text)).toBeUndefined();
    },
  );

  it.each([
    ['Jane Doe', 'Jane Doe'],
    ['john', 'john'],
    ['Uh, it’s me, John.', 'John'],
    ["You don't know my name?  Come on.  It's John.", 'John'],
    ['It’s Jane Doe, my PIN is 1596', 'Jane Doe'],
  ])('reads "%s" as a name when the bot just asked for one', (reply, name) => {
    expect(answeredName(reply)).toBe(name);
  });

  it('does not take a lower-case sentence for a name even when the bot asked', () => {
    expect(answeredName('i lost my card yesterday')).toBeUndefined();
  });
});

describe('identifiers', () => {
  it('tells an order number from a phone number in the same message', () => {
    const found = candidatesIn('My order number is 88231 and you can call me on 555-123-4567', []);
    expect(found).toEqual([
      { key: 'order_id', value: '88231' },
      { key: 'phone', value: '555-123-4567' },
    ]);
  });

  it('reads a phone-shaped number after "order" as the order, not a phone', () => {
    expect(candidatesIn('order no. 555-123-4567 has not shipped', [])).toEqual([{ key: 'order_id', value: '555-123-4567' }]);
  });

  it.each([
    ['my acount number is 351531510', 'account_number', '351531510'],
    ['ordr #5521 never arrived', 'order_id', '5521'],
    ['booking ref: BK-2031', 'booking_reference', 'BK-2031'],
    ['my booking I’d is 681 what is going on', 'booking_reference', '681'],
    ['my ride ID is 94', 'booking_reference', '94'],
    ['account number 1234 5678 9012', 'account_number', '123456789012'],
  ])('reads "%s" despite the slips', (text, key, value) => {
    expect(valueOf(text, key)).toBe(value);
  });

  it('does not take a quantity after "order" for an order number', () => {
    expect(valueOf('I want to order 300 pizzas', 'order_id')).toBeUndefined();
  });

  it('never takes a PIN for an account number, even when the bot asked for the account', () => {
    expect(valueOf('I forgot it, my PIN is 1596', 'account_number', ['account_number'])).toBeUndefined();
  });

  it('reads a bare number as the account number the bot just asked for', () => {
    expect(valueOf('351531510', 'account_number', ['account_number'])).toBe('351531510');
  });

  it('leaves a bare long number alone when nobody asked what it is', () => {
    expect(candidatesIn('The number is 9776252661', [])).toEqual([]);
  });

  it('finds emails, and only whole addresses', () => {
    expect(findEmails('mail me at <jane.doe+x@example.co.uk>, or not@valid')).toEqual(['jane.doe+x@example.co.uk']);
  });

  it('finds phones written like phones, and bare numbers only when asked', () => {
    expect(findPhones('+44 20 7946 0958 or (977) 625-2661', false)).toEqual(['+44 20 7946 0958', '(977) 625-2661']);
    expect(findPhones('07700900123', false)).toEqual([]);
    expect(findPhones('07700900123', true)).toEqual(['07700900123']);
  });

  it('finds amounts with their currency', () => {
    expect(findAmounts('they took $300, then €12.50 and 500 dollars; room 301 is fine')).toEqual(['$300', '€12.50', '500 dollars']);
  });

  it('finds a date of birth stated outright, whichever way it is written', () => {
    expect(findBirthDate('my birthdate is 29/02/1980')).toBe('29/02/1980');
    expect(findBirthDate('I was born on the 3rd of April, 1990')).toBe('3rd of April, 1990');
    expect(findBirthDate('I was born in April')).toBeUndefined();
  });
});

describe('deriveFields', () => {
  it('takes values only from customer turns, never a number the bot said', () => {
    const fields = deriveFields(
      transcriptOf(['bot', 'Your order number is 77123, and our line is +44 20 7946 0000.'], ['customer', 'thanks, where is it?']),
    );
    expect(fields).toEqual([]);
  });

  it('marks a field verified when the next bot turn confirms it, and keeps its turn', () => {
    const fields = deriveFields(
      transcriptOf(
        ['customer', 'I need my balance'],
        ['bot', 'Can you tell me your account number, please?'],
        ['customer', '351531510'],
        ['bot', 'Thanks, I found your account.'],
        ['customer', 'my email is jane@example.com'],
        ['bot', 'Could you provide your date of birth, please?'],
      ),
    );
    expect(fields).toEqual([
      { key: 'account_number', label: 'Account number', value: '351531510', verified: true, source: 'derived', turnId: 't3' },
      { key: 'email', label: 'Email', value: 'jane@example.com', verified: false, source: 'derived', turnId: 't5' },
    ]);
  });

  it('does not mark a field verified when the bot says it could not verify it', () => {
    const fields = deriveFields(
      transcriptOf(['bot', 'What is your account number?'], ['customer', '68318931'], ['bot', 'Sorry, I could not verify your account.']),
    );
    expect(fields[0]).toMatchObject({ key: 'account_number', verified: false });
  });

  it('keeps the later value when the customer corrects themselves, but not a shorter form of their name', () => {
    const fields = deriveFields(
      transcriptOf(
        ['customer', 'My name is Jane Doe, order 55123'],
        ['customer', 'sorry, the order number is 55124'],
        ['customer', "I'm Jane."],
      ),
    );
    expect(fields.map((f) => [f.key, f.value])).toEqual([
      ['name', 'Jane Doe'],
      ['order_id', '55124'],
    ]);
  });
});
