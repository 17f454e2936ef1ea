import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/hub/enrichment';
import { AUTHORS, envelopeSchema, type HandoffEnvelope } from '../../../src/shared/envelope';
import { envelopeOf, transcriptOf } from './conversation';

const conversation: Parameters<typeof envelopeOf>[0] = [
  ['customer', 'Hi, I want to return my boots, order 55123'],
  ['bot', "Sorry, I didn't get that."],
  ['customer', 'RETURN. MY. BOOTS. Let me talk to a person!!!'],
];

describe('enrich', () => {
  it('fills in what the bot left out and marks every part derived', () => {
    const result = enrich(envelopeOf(conversation));
    expect(result.issue).toEqual({ title: 'I want to return my boots, order 55123', source: 'derived' });
    expect(result.reason).toMatchObject({ kind: 'customer_requested', evidenceTurnIds: ['t2', 't3'], attempts: 1, source: 'derived' });
    expect(result.summary?.source).toBe('derived');
    expect(result.sentiment).toMatchObject({ label: 'negative', source: 'derived' });
    expect(result.fields).toEqual([
      { key: 'order_id', label: 'Order', value: '55123', verified: false, source: 'derived', turnId: 't1' },
    ]);
    expect(envelopeSchema.safeParse(result).success).toBe(true);
  });

  it('keeps every value the bot gave and marks it as the bot’s', () => {
    const given = envelopeOf(conversation, {
      customer: { name: 'Maria Okafor', email: 'maria@example.com' },
      issue: { title: 'Boot refund', intent: 'refund_request' },
      reason: { kind: 'planned_escalation', detail: 'Refund exceptions need an advisor' },
      summary: { text: 'Wants a refund for order 555.' },
      sentiment: { score: 0.1 },
      fields: [{ key: 'orderId', label: 'Order', value: '555', verified: true }],
    });
    const result = enrich(given);
    expect(result.issue).toEqual({ title: 'Boot refund', intent: 'refund_request', source: 'bot' });
    expect(result.reason).toEqual({ kind: 'planned_escalation', detail: 'Refund exceptions need an advisor', source: 'bot' });
    expect(result.summary).toEqual({ text: 'Wants a refund for order 555.', source: 'bot' });
    expect(result.sentiment).toEqual({ score: 0.1, source: 'bot' });
    // The bot's order wins over the derived one (its key is spelled its own way).
    expect(result.fields).toEqual([{ key: 'orderId', label: 'Order', value: '555', verified: true, source: 'bot' }]);
    expect(result.customer).toEqual(given.customer);
  });

  it('derives a reason when the bot only said "unknown", and keeps the bot’s when nothing better is found', () => {
    expect(enrich(envelopeOf(conversation, { reason: { kind: 'unknown' } })).reason?.kind).toBe('customer_requested');
    const quiet = envelopeOf([['customer', 'I want to return my boots']], { reason: { kind: 'unknown', detail: 'no intent' } });
    expect(enrich(quiet).reason).toEqual({ kind: 'unknown', detail: 'no intent', source: 'bot' });
  });

  it('does not derive the name, email or phone the bot already gave for the customer', () => {
    const result = enrich(
      envelopeOf([['customer', 'my name is Jane Doe, jane@example.com, account number 351531510']], {
        customer: { name: 'Jane Doe', email: 'jane@example.com' },
      }),
    );
    expect(result.fields?.map((f) => f.key)).toEqual(['account_number']);
  });

  it('says unknown and leaves the rest out for an empty transcript', () => {
    const result = enrich(envelopeOf([]));
    expect(result).toEqual({ ...envelopeOf([]), reason: { kind: 'unknown', source: 'derived' } });
  });

  it('gives the same result for the same envelope', () => {
    expect(enrich(envelopeOf(conversation))).toEqual(enrich(envelopeOf(conversation)));
  });

  it('handles the longest turns the schema allows in well under a second', () => {
    const text = `${'<script>alert(1)</script> مرحبا 👩🏽‍💻 ACCOUNT NUMBER 12345678 '.repeat(400)}`.slice(0, 20_000);
    const envelope = envelopeOf([]);
    envelope.transcript = transcriptOf(...Array.from({ length: 20 }, () => ['customer', text] as const));
    const started = performance.now();
    const result = enrich(envelope);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(envelopeSchema.safeParse(result).success).toBe(true);
  });
});

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('AGENT!!!', "I didn't understand", 'my acount number is 1234', '🙂'.repeat(5000), 'constructor __proto__', ''),
  fc.string({ minLength: 5000, maxLength: 20_000 }),
);

const envelopeArbitrary: fc.Arbitrary<HandoffEnvelope> = fc.record(
  {
    transcript: fc.array(fc.record({ author: fc.constantFrom(...AUTHORS), text }), { maxLength: 12 }),
    fields: fc.array(fc.record({ key: fc.string({ minLength: 1, maxLength: 20 }), value: fc.string({ maxLength: 50 }) }), { maxLength: 3 }),
    title: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
    extra: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })),
  },
  { requiredKeys: ['transcript'] },
).map(({ transcript, fields, title, extra }) => {
  const envelope = envelopeOf([], { ...(fields ? { fields } : {}), ...(title !== undefined ? { issue: { title } } : {}), ...(extra ? { extra } : {}) });
  envelope.transcript = transcript.map((turn, i) => ({ id: `t${i}`, at: '2026-11-20T10:00:00Z', author: turn.author, text: turn.text }));
  return envelope;
});

describe('enrich on anything a customer can type', () => {
  it('never throws and always returns a valid envelope that keeps the transcript', () => {
    fc.assert(
      fc.property(envelopeArbitrary, (envelope) => {
        expect(envelopeSchema.safeParse(envelope).success).toBe(true);
        const result = enrich(envelope);
        const parsed = envelopeSchema.safeParse(result);
        expect(parsed.error?.issues ?? []).toEqual([]);
        expect(result.transcript).toEqual(envelope.transcript);
      }),
      { numRuns: 150 },
    );
  });

  const blns = resolve(__dirname, '../../../../shared/data/badinput/blns/blns.json');
  describe.skipIf(!existsSync(blns))('over the Big List of Naughty Strings (../shared/data/badinput/blns)', () => {
    it('returns a valid envelope for every string as every turn', () => {
      const strings = (JSON.parse(readFileSync(blns, 'utf8')) as string[]).filter((s) => s.length <= 20_000);
      expect(strings.length).toBeGreaterThan(100);
      const envelope = envelopeOf([]);
      envelope.transcript = transcriptOf(...strings.flatMap((s) => [['customer', s] as const, ['bot', s] as const]));
      expect(envelopeSchema.safeParse(enrich(envelope)).success).toBe(true);
    });
  });
});
