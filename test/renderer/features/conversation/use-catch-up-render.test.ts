import { describe, expect, it } from 'vitest';
import { RenderedRows } from '../../../../src/renderer/features/conversation/use-catch-up-render';

const range = (startIndex: number, endIndex: number) => ({ startIndex, endIndex, overscan: 6, count: 5000 });

describe('which rows the list has rendered', () => {
  it('tells when rows in view are not among the rendered ones', () => {
    const rows = new RenderedRows();
    expect(rows.isPast(range(0, 4))).toBe(false);
    rows.note(94, 110);
    expect(rows.isPast(range(100, 104))).toBe(false);
    expect(rows.isPast(range(94, 110))).toBe(false);
    expect(rows.isPast(range(108, 112))).toBe(true);
    expect(rows.isPast(range(90, 95))).toBe(true);
    expect(rows.isPast(null)).toBe(false);
  });

  it('knows it is inside a row’s measuring ref only while that ref runs, even when it throws', () => {
    const rows = new RenderedRows();
    const seen: boolean[] = [];
    rows.measuring(() => seen.push(rows.isInCommit))(null);
    expect(seen).toEqual([true]);
    expect(rows.isInCommit).toBe(false);
    expect(() =>
      rows.measuring(() => {
        throw new Error('detached');
      })(null),
    ).toThrow('detached');
    expect(rows.isInCommit).toBe(false);
  });
});
