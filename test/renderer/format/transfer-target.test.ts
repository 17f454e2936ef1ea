import { describe, expect, it } from 'vitest';
import { parseTarget, targetValue } from '../../../src/renderer/format/transfer-target';

describe('transfer target option values', () => {
  it('reads back the agent or queue it was written from, ids with colons included', () => {
    for (const target of [{ kind: 'agent', id: 'u_agent2' }, { kind: 'queue', id: 'billing' }, { kind: 'agent', id: 'sso:okta:42' }] as const) {
      expect(parseTarget(targetValue(target))).toEqual(target);
    }
  });

  it('names no target for the placeholder or anything else', () => {
    expect(parseTarget('')).toBeNull();
    expect(parseTarget('agent:')).toBeNull();
    expect(parseTarget('team:support')).toBeNull();
  });
});
