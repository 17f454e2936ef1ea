import { describe, expect, it } from 'vitest';
import { deriveSentiment, isShouting, scoreTurns } from '../../../src/hub/enrichment/sentiment';
import { transcriptOf } from './conversation';

describe('deriveSentiment', () => {
  it('scores each customer turn with the lexicon, ignoring what the bot said', () => {
    const sentiment = deriveSentiment(
      transcriptOf(['customer', 'Thanks, this is great'], ['bot', 'Terrible news: your awful order failed'], ['customer', 'Thank you, wonderful']),
    );
    expect(sentiment?.turns?.map((t) => t.turnId)).toEqual(['t1', 't3']);
    expect(sentiment).toMatchObject({ label: 'positive', trend: 'steady', source: 'derived', signals: [] });
    expect(sentiment?.score).toBeGreaterThan(0.3);
  });

  it('sees a customer getting worse as a worsening trend and a negative label', () => {
    const sentiment = deriveSentiment(
      transcriptOf(
        ['customer', 'Hi, I would love some help with my order'],
        ['customer', 'It still has not arrived'],
        ['customer', 'This is terrible, I am furious'],
        ['customer', 'USELESS BOT. AGENT!!!'],
      ),
    );
    expect(sentiment).toMatchObject({ label: 'negative', trend: 'worsening' });
    expect(sentiment?.signals).toEqual(['all_caps', 'exclamations', 'demands_human']);
  });

  it('sees a calmed-down customer as improving', () => {
    const sentiment = deriveSentiment(
      transcriptOf(['customer', 'This is a disaster, I am angry'], ['customer', 'ok'], ['customer', 'Great, thank you so much, perfect']),
    );
    expect(sentiment?.trend).toBe('improving');
  });

  it('gives no sentiment at all when the customer has not written', () => {
    expect(deriveSentiment(transcriptOf(['bot', 'Hello! How can I help?']))).toBeUndefined();
  });
});

describe('frustration signals', () => {
  it('marks the same message sent again as repetition, and pulls its score down', () => {
    const [first, second] = scoreTurns(transcriptOf(['customer', 'where is my parcel'], ['customer', 'Where is my parcel?']));
    expect(second?.signals).toEqual(['repetition']);
    expect(second?.score).toBeLessThan(first?.score ?? 0);
  });

  it('does not call a second "yes" repetition', () => {
    const turns = scoreTurns(transcriptOf(['customer', 'yes'], ['customer', 'Yes']));
    expect(turns[1]?.signals).toEqual([]);
  });

  it('treats a repeated or shouted request for a person as a demand', () => {
    const turns = scoreTurns(transcriptOf(['customer', 'can I talk to a person'], ['customer', 'agent please'], ['customer', 'AGENT!!!']));
    expect(turns.map((t) => t.signals.includes('demands_human'))).toEqual([false, true, true]);
  });

  it('tells shouting from an acronym or a script without capitals', () => {
    expect(isShouting('I NEED HELP NOW')).toBe(true);
    expect(isShouting('RETURN. MY. BOOTS. Let me talk to a person')).toBe(true);
    expect(isShouting('the ATM took my card')).toBe(false);
    expect(isShouting('OK')).toBe(false);
    expect(isShouting('مرحبا أريد المساعدة')).toBe(false);
  });

  it('keeps every score within −1…1 however angry the message', () => {
    const [turn] = scoreTurns(transcriptOf(['customer', 'HATE HATE HATE terrible awful horrible disgusting worst AGENT!!!! '.repeat(40)]));
    expect(turn?.score).toBe(-1);
  });
});
