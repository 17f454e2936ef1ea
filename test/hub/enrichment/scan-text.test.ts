import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/shared/envelope';
import { comparable, squashSpace, straightQuotes } from '../../../src/shared/text/normalize';
import { keywordKind } from '../../../src/hub/enrichment/identifiers';
import { comparableKey, isShouting } from '../../../src/hub/enrichment/sentiment';
import { SCAN_LIMIT, scanText } from '../../../src/hub/enrichment/turns';

const turn = (text: string): Turn => ({ id: 't1', at: '2026-11-20T08:00:00.000Z', author: 'customer', text });
const TEXT = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '  ', '\n', '\t', '\u00a0', '’', '!', 'É', '1', '\ufeff'), maxLength: 40 });

/** The fast paths enrichment takes on every turn must give exactly what the plain helpers give. */
describe('enrichment fast paths', () => {
  it('scanText equals squashing and straightening the text, for any mix of spaces and apostrophes', () => {
    fc.assert(
      fc.property(TEXT, (text) => {
        expect(scanText(turn(text))).toBe(straightQuotes(squashSpace(text)));
      }),
    );
  });

  it('scanText reads a turn again when its text has changed since it was last read', () => {
    const edited = turn('I  want   a refund');
    expect(scanText(edited)).toBe('I want a refund');
    edited.text = 'Cancel  it’s order';
    expect(scanText(edited)).toBe("Cancel it's order");
  });

  it('scanText still bounds a pasted log to the scan limit', () => {
    expect(scanText(turn('x'.repeat(SCAN_LIMIT + 50))).length).toBe(SCAN_LIMIT);
  });

  it('comparableKey equals comparable for any text', () => {
    fc.assert(
      fc.property(TEXT, (text) => {
        expect(comparableKey(text)).toBe(comparable(text));
      }),
    );
  });

  it('isShouting never calls fewer than three capitals shouting, and still hears three shouted words', () => {
    expect(isShouting('I want my Refund')).toBe(false);
    expect(isShouting('RETURN. MY. BOOTS.')).toBe(true);
    expect(isShouting('WHERE IS IT')).toBe(true);
  });

  it('keywordKind gives the same kind when asked again, slips forgiven', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(keywordKind('acount')).toBe('account_number');
      expect(keywordKind('ordr')).toBe('order_id');
      expect(keywordKind('border')).toBeUndefined();
    }
  });
});
