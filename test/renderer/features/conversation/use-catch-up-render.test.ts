import { describe, expect, it } from 'vitest';
import { RenderedRows, rowsToRender } from '../../../../src/renderer/features/conversation/use-catch-up-render';

const range = (startIndex: number, endIndex: number) => ({ startIndex, endIndex, overscan: 6, count: 5000 });

describe('rows rendered around the view', () => {
  it('renders the overscan each side of the rows in view when the view moves by less than it', () => {
    expect(rowsToRender(range(100, 104), null)).toEqual(Array.from({ length: 17 }, (_, i) => 94 + i));
    expect(rowsToRender(range(105, 109), 100)).toEqual(Array.from({ length: 17 }, (_, i) => 99 + i));
  });

  it('adds as many rows again ahead of a view that moved further than the overscan, in the direction it moves', () => {
    const down = rowsToRender(range(120, 124), 110);
    expect(down[0]).toBe(114);
    expect(down[down.length - 1]).toBe(124 + 6 + 10);
    const up = rowsToRender(range(80, 84), 100);
    expect(up[0]).toBe(80 - 6 - 20);
    expect(up[up.length - 1]).toBe(90);
  });

  it('adds at most 24 rows ahead of a fling, none after a jump, and never rows outside the conversation', () => {
    const fling = rowsToRender(range(160, 164), 100);
    expect(fling[fling.length - 1]).toBe(164 + 6 + 24);
    const jump = rowsToRender(range(3000, 3004), 100);
    expect([jump[0], jump[jump.length - 1]]).toEqual([2994, 3010]);
    expect(rowsToRender(range(2, 6), 40)[0]).toBe(0);
    expect(rowsToRender({ ...range(4990, 4999), count: 5000 }, 4950).at(-1)).toBe(4999);
  });
});

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

  it('extends the next range by how far the last one moved', () => {
    const rows = new RenderedRows();
    expect(rows.extract(range(100, 104)).at(-1)).toBe(110);
    expect(rows.extract(range(130, 134)).at(-1)).toBe(134 + 6 + 24);
    expect(rows.extract(range(132, 136)).at(-1)).toBe(142);
  });
});
