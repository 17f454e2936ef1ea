import { describe, expect, it } from 'vitest';
import { envelopeSchema } from '../../src/shared/envelope';
import { parseWith } from '../../src/shared/validation';

const minimal = { v: 1, id: 'bot:1', customer: { name: 'Ana' }, transcript: [] };

describe('the handoff envelope v1 schema', () => {
  it('accepts the minimal envelope: v, id, customer.name and an empty transcript', () => {
    expect(parseWith(envelopeSchema, minimal).ok).toBe(true);
  });

  it('names each missing required field by its path', () => {
    const result = parseWith(envelopeSchema, { v: 1, customer: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path).sort()).toEqual(['customer.name', 'id', 'transcript']);
  });

  it('refuses unknown keys anywhere but extra, and names them', () => {
    const result = parseWith(envelopeSchema, { ...minimal, customer: { name: 'Ana', shoeSize: 38 }, extra: { anything: { goes: true } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ path: 'customer', message: 'unknown field(s): shoeSize' }]);
  });

  it('refuses another version, an unknown author and an unknown reason kind', () => {
    const result = parseWith(envelopeSchema, {
      ...minimal,
      v: 2,
      reason: { kind: 'bored' },
      transcript: [{ id: 't1', at: '2026-11-20T10:00:00Z', author: 'robot', text: 'hi' }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path).sort()).toEqual(['reason.kind', 'transcript[0].author', 'v']);
  });

  it('refuses a sentiment score outside −1…1 and a turn time that is not ISO 8601', () => {
    const result = parseWith(envelopeSchema, {
      ...minimal,
      sentiment: { score: 3 },
      transcript: [{ id: 't1', at: 'yesterday', author: 'customer', text: 'hi' }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path).sort()).toEqual(['sentiment.score', 'transcript[0].at']);
  });
});
