import { describe, expect, it } from 'vitest';
import { toMatchExpression } from '../../../src/main/cache/search-query';

describe('toMatchExpression', () => {
  it('quotes every word and makes the last one a prefix while it is being typed', () => {
    expect(toMatchExpression('late parc')).toBe('"late" "parc"*');
    expect(toMatchExpression('late parcel ')).toBe('"late" "parcel"');
  });

  it('matches a trailing word of one or two letters exactly, as a prefix would match most words', () => {
    expect(toMatchExpression('order re')).toBe('"order" "re"');
    expect(toMatchExpression('order ret')).toBe('"order" "ret"*');
  });

  it('keeps quoted text together as a phrase and reads an unpaired quote as a space', () => {
    expect(toMatchExpression('"order number" 555')).toBe('"order number" "555"*');
    expect(toMatchExpression('say "hello')).toBe('"say" "hello"*');
  });

  it('turns operators and syntax into quoted text', () => {
    expect(toMatchExpression('a OR b NOT (c) NEAR:x* ^d')).toBe('"a" "OR" "b" "NOT" "(c)" "NEAR:x*" "^d"');
  });

  it('removes NUL and control characters, which would cut the query short', () => {
    expect(toMatchExpression('abc\u0000def')).toBe('"abc" "def"*');
  });

  it('has nothing to search for in blank input', () => {
    expect(toMatchExpression(' \t\n ')).toBeNull();
    expect(toMatchExpression('""')).toBeNull();
  });

  it('keeps at most 32 terms, and then no prefix', () => {
    const expression = toMatchExpression(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    expect(expression?.split(' ')).toHaveLength(32);
    expect(expression?.endsWith('"w31"')).toBe(true);
  });
});
