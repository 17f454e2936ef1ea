import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adapters } from '../../../src/hub/adapters/registry';
import { PLATFORMS, type AdapterOutcome } from '../../../src/hub/adapters/types';
import { envelopeSchema } from '../../../src/shared/envelope';
import { fixture, makeContext } from './helpers';

/** Keys that make a careless merge write to Object.prototype, and keys the adapters look for. */
const TRICKY_KEYS = ['__proto__', 'constructor', 'prototype', 'type', 'name', 'event', 'activities', 'attachments', 'value', 'payload', 'messages', 'tracker', 'events', 'text', 'id', 'status', 'meta', 'sender', 'sessionInfo', 'liveAgentHandoff', 'metadata', 'transcript', 'message_type', 'timestamp', 'created_at', 'author'];
const key = fc.oneof(fc.constantFrom(...TRICKY_KEYS), fc.string({ maxLength: 8 }));
const leaf = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('handoff.initiate', 'event', 'open', 'incoming', 'createRemoteConversation', 'message_created', 'conversation_status_changed', 'user', 'bot'));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(key, tie('tree'), { maxKeys: 5 })),
}));

const SAMPLES = [
  'botframework-handoff-no-names.json',
  'dialogflow-cx-webhook.json',
  'chatwoot-message-incoming.json',
  'chatwoot-status-open.json',
  'rasa-tracker-handoff.json',
  'chatwoot-message-after-handoff.json',
  'botpress-create-remote-conversation.json',
  'botpress-bot-sends-message.json',
  'botpress-close-remote-ticket.json',
];

function expectWellFormed(outcome: AdapterOutcome): void {
  expect(['handoff', 'recorded', 'ignored', 'invalid', 'customer-message', 'customer-left']).toContain(outcome.kind);
  if (outcome.kind === 'handoff') expect(envelopeSchema.safeParse(outcome.envelope).success).toBe(true);
  if (outcome.kind === 'customer-message' || outcome.kind === 'customer-left') expect(outcome.sourceConversationId).toMatch(/\S/);
  if (outcome.kind === 'customer-message') {
    expect(typeof outcome.message.text).toBe('string');
    expect(outcome.message.sourceMessageId).toMatch(/\S/);
    expect(Number.isNaN(Date.parse(outcome.message.at))).toBe(false);
    for (const file of outcome.message.attachments ?? []) expect(file.url).toMatch(/^https?:\/\//i);
  }
  if (outcome.kind === 'invalid') expect(outcome.problems.length).toBeGreaterThan(0);
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Replaces the value at a random path of a sample with a random tree (JSON parsed, as from the wire). */
function mutate(sample: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof sample !== 'object' || sample === null) return replacement;
  const entries = Object.entries(sample);
  if (entries.length === 0) return replacement;
  const [step, ...rest] = path;
  const index = step! % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(sample) ? [...sample] : { ...sample };
  (copy as Record<string, unknown>)[entries[index]![0]] = mutate(entries[index]![1], rest, replacement);
  return copy;
}

const viaWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

describe('adapters on hostile input', () => {
  it('answer any JSON value with an outcome and never touch Object.prototype', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PLATFORMS), tree, async (platform, payload) => {
        expectWellFormed(await adapters[platform].translate(viaWire(payload), makeContext()));
      }),
      { numRuns: 1500 },
    );
  });

  it('answer a real-shaped payload with any part replaced by random JSON with an outcome', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PLATFORMS),
        fc.constantFrom(...SAMPLES),
        fc.array(fc.nat(), { maxLength: 6 }),
        tree,
        async (platform, sample, path, replacement) => {
          expectWellFormed(await adapters[platform].translate(viaWire(mutate(fixture(sample), path, replacement)), makeContext()));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('answer payloads with own __proto__ and constructor keys as they arrive from JSON.parse', async () => {
    const poisoned = '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}';
    for (const platform of PLATFORMS) {
      for (const sample of SAMPLES) {
        const text = JSON.stringify(fixture(sample)).replace(/^\{/, `{"__proto__": ${poisoned}, "meta": {"sender": ${poisoned}}, `);
        expectWellFormed(await adapters[platform].translate(JSON.parse(text), makeContext()));
      }
    }
  });

  it('answer deeply nested values and huge strings without throwing', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20_000; i += 1) deep = i % 2 ? [deep] : { value: deep };
    const huge = 'x'.repeat(2_000_000);
    for (const platform of PLATFORMS) {
      for (const sample of SAMPLES) {
        const base = fixture(sample);
        for (const extra of [{ value: deep, payload: { deep, user: deep }, slots: { deep } }, { text: huge, content: huge, sender_id: huge }]) {
          expectWellFormed(await adapters[platform].translate({ ...base, ...extra }, makeContext()));
        }
      }
      expectWellFormed(await adapters[platform].translate(deep, makeContext()));
    }
    const user = await adapters.botpress.translate({ type: 'createRemoteUser', payload: { name: huge, nested: deep } }, makeContext());
    expectWellFormed(user);
  });
});

describe('values whose own conversions are hostile', () => {
  // Found by the fuzzer: `{ "toString": "x" }` makes String() and template literals throw.
  const HOSTILE: unknown[] = [{ toString: 'handoff.initiate' }, { valueOf: 1, toString: 1 }, [{ toString: null }]];

  it('answer with an outcome when the fields adapters describe in messages are such objects', async () => {
    for (const platform of PLATFORMS) {
      for (const hostile of HOSTILE) {
        for (const field of ['type', 'name', 'event', 'status']) {
          expectWellFormed(await adapters[platform].translate(viaWire({ [field]: hostile }), makeContext()));
        }
      }
    }
  });
});
