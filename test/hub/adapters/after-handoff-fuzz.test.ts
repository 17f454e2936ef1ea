import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { botframeworkAdapter } from '../../../src/hub/adapters/botframework';
import { dialogflowCxAdapter } from '../../../src/hub/adapters/dialogflow-cx';
import { rasaAdapter } from '../../../src/hub/adapters/rasa';
import type { AdapterOutcome } from '../../../src/hub/adapters/types';
import { ENVELOPE_LIMITS, envelopeSchema } from '../../../src/shared/envelope';
import { makeContext } from './helpers';

/** Random and hostile versions of the inbound events these platforms send around a handoff. */

const viaWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('<img src=x onerror=alert(1)>', '\u202eevil', '\u0000', '   ', '{"__proto__":1}', 'x'.repeat(ENVELOPE_LIMITS.maxTurnText + 50)),
);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const account = fc.record({ id: optional(fc.string({ maxLength: 12 })), name: optional(hostileText), role: optional(fc.constantFrom('user', 'bot', 'skill', 'x')) });
const anything = fc.anything({ maxDepth: 2 });

function expectWellFormed(outcome: AdapterOutcome): void {
  switch (outcome.kind) {
    case 'customer-message':
      expect(outcome.sourceConversationId.length).toBeGreaterThan(0);
      expect(outcome.message.sourceMessageId.length).toBeGreaterThan(0);
      expect(outcome.message.text.length).toBeLessThanOrEqual(ENVELOPE_LIMITS.maxTurnText);
      expect(Number.isNaN(Date.parse(outcome.message.at))).toBe(false);
      expect(outcome.message.text.trim() || outcome.message.attachments?.length).toBeTruthy();
      for (const file of outcome.message.attachments ?? []) expect(file.url).toMatch(/^https?:\/\//i);
      return;
    case 'customer-left':
      expect(outcome.sourceConversationId.length).toBeGreaterThan(0);
      return;
    case 'handoff':
      expect(envelopeSchema.safeParse(outcome.envelope).success).toBe(true);
      return;
    case 'invalid':
      expect(outcome.problems.length).toBeGreaterThan(0);
      return;
    default:
      expect(['ignored', 'recorded']).toContain(outcome.kind);
  }
}

describe('inbound events after a handoff, fuzzed', () => {
  it('turn any relayed Bot Framework activity into a well-formed outcome', async () => {
    const activity = fc.record(
      {
        type: fc.oneof(fc.constantFrom('message', 'endOfConversation', 'conversationUpdate', 'typing'), anything),
        id: fc.oneof(fc.string({ maxLength: 30 }), anything),
        timestamp: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 10 }), anything),
        conversation: fc.oneof(fc.record({ id: fc.string({ maxLength: 20 }) }), anything),
        from: fc.oneof(account, anything),
        recipient: account,
        text: fc.oneof(hostileText, anything),
        attachments: fc.oneof(
          fc.array(fc.record({ contentType: optional(fc.string({ maxLength: 20 })), contentUrl: optional(fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x'))), name: optional(hostileText) }), { maxLength: 3 }),
          anything,
        ),
        membersRemoved: fc.oneof(fc.array(account, { maxLength: 3 }), anything),
      },
      { requiredKeys: ['type'] },
    );
    await fc.assert(fc.asyncProperty(activity, async (payload) => expectWellFormed(await botframeworkAdapter.translate(viaWire(payload), makeContext()))), { numRuns: 600 });
  });

  it('never let Rasa’s own request keys become customer fields, whatever the action call holds', async () => {
    const call = fc.record({
      next_action: fc.oneof(fc.constantFrom('action_handoff', 'action_human_handoff', 'action_greet', 'utter_x'), fc.string({ maxLength: 20 }), anything),
      sender_id: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), anything),
      domain: anything,
      version: fc.oneof(fc.constantFrom('3.6.20', '2.8.0'), anything),
      tracker: fc.record({
        sender_id: fc.string({ minLength: 1, maxLength: 20 }),
        slots: fc.dictionary(fc.string({ maxLength: 10 }), anything, { maxKeys: 4 }),
        events: fc.array(fc.record({ event: fc.constantFrom('user', 'bot', 'action', 'pause', 'slot'), text: optional(hostileText), timestamp: optional(fc.double({ min: 0, max: 2e9, noNaN: true })) }), { maxLength: 6 }),
      }),
    });
    await fc.assert(
      fc.asyncProperty(call, async (payload) => {
        const outcome = await rasaAdapter.translate(viaWire(payload), makeContext());
        expectWellFormed(outcome);
        if (outcome.kind === 'handoff') {
          const keys = (outcome.envelope.fields ?? []).map((field) => field.key);
          for (const rasaKey of ['next_action', 'sender_id', 'domain', 'version', 'tracker']) expect(keys).not.toContain(rasaKey);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('name the Dialogflow customer from a person parameter in any spelling and keep the bot’s turn messages', async () => {
    const spelling = fc.constantFrom('caller-name', 'caller_name', 'full_name', 'Full-Name', 'name', 'name.original', 'customerName', 'person');
    const name = fc.string({ minLength: 1, maxLength: 30 }).filter((text) => text.trim().length > 0);
    const bot = fc.array(fc.string({ minLength: 1, maxLength: 30 }).filter((text) => text.trim().length > 0), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(spelling, name, bot, async (key, given, said) => {
        const outcome = await dialogflowCxAdapter.translate(
          viaWire({
            sessionInfo: { session: 'projects/p/locations/l/agents/a/sessions/s', parameters: { [key]: key === 'person' ? { name: given } : given } },
            text: 'a person please',
            messages: [{ text: { text: said } }, { liveAgentHandoff: { metadata: {} } }],
          }),
          makeContext(),
        );
        if (outcome.kind !== 'handoff') throw new Error(`expected a handoff, got ${outcome.kind}`);
        expect(outcome.envelope.customer.name).toBe(given.trim());
        expect(outcome.envelope.transcript.filter((turn) => turn.author === 'bot').map((turn) => turn.text)).toEqual([said.join('\n')]);
      }),
      { numRuns: 500 },
    );
  });
});
