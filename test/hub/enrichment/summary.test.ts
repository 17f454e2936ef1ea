import { describe, expect, it } from 'vitest';
import { deriveSummary, deriveTitle } from '../../../src/hub/enrichment/summary';
import { transcriptOf } from './conversation';

const failedTwice = { kind: 'bot_failure' as const, attempts: 2 };

describe('deriveSummary', () => {
  it('says what the customer wants, what the bot tried and why it stopped, in two sentences', () => {
    const summary = deriveSummary(
      transcriptOf(
        ['customer', 'Hello'],
        ['bot', 'Hi! How can I help?'],
        ['customer', 'Hi, I lost my debit card and someone took $300 from the ATM!'],
        ['bot', 'Could I get your full name, please?'],
        ['customer', 'why'],
        ['bot', 'Could you provide your date of birth, please?'],
      ),
      failedTwice,
    );
    expect(summary).toEqual({
      text: 'The customer wrote: “I lost my debit card and someone took $300 from the ATM!”. The bot asked for their name and date of birth, then it could not handle 2 turns.',
      source: 'derived',
    });
  });

  it('cuts a very long request at a word and marks the cut', () => {
    const summary = deriveSummary(transcriptOf(['customer', `I need help with ${'a very long story '.repeat(100)}`]), { kind: 'unknown' });
    expect(summary?.text.length).toBeLessThan(220);
    expect(summary?.text).toMatch(/ a very long…”\.$/);
  });

  it('says plainly when the customer never said what they want', () => {
    const summary = deriveSummary(transcriptOf(['customer', 'hi'], ['bot', 'Hello!'], ['customer', 'agent']), {
      kind: 'customer_requested',
    });
    expect(summary?.text).toBe('The customer has not said what they want. The bot replied once, then the customer asked for a person.');
  });

  it('gives no summary when the customer has not written', () => {
    expect(deriveSummary([], { kind: 'unknown' })).toBeUndefined();
  });
});

describe('deriveTitle', () => {
  it('takes the first substantive request, without its greeting or a bare "can you help?"', () => {
    expect(deriveTitle(transcriptOf(['customer', 'hello'], ['customer', 'Hi! I need to make a service request. Can you help?']))).toBe(
      'I need to make a service request',
    );
  });

  it('keeps titles to 80 characters', () => {
    const title = deriveTitle(transcriptOf(['customer', 'My boots from the winter sale squeak terribly whenever it rains and the left sole is coming away from the heel']));
    expect(title?.length).toBeLessThanOrEqual(80);
    expect(title).toMatch(/^My boots from the winter sale .*…$/);
  });

  it('has no title when the customer only greeted', () => {
    expect(deriveTitle(transcriptOf(['customer', 'hey there']))).toBeUndefined();
  });
});
