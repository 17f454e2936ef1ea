import { useCallback, useLayoutEffect, useReducer, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Range as VirtualRange, Virtualizer } from '@tanstack/react-virtual';

interface Range {
  startIndex: number;
  endIndex: number;
}

/** At most this many rows are added ahead of a fast scroll, so a fling never mounts hundreds. */
const MAX_ROWS_AHEAD = 24;
/** A move of more rows than this between two ranges is a jump (to a search hit, to the end), not a scroll that goes on. */
const MAX_SCROLL_ROWS = 100;

/**
 * The rows to render for the rows in view: the overscan each side and, when the view moved further
 * than the overscan since the last range, as many rows again ahead of it. Chromium moves an
 * animated scroll (PageDown) once more after the scroll event that rendered the rows and before it
 * paints, so at that speed rows rendered for the event's offset are behind the painted view.
 */
export function rowsToRender(range: VirtualRange, previousStart: number | null): number[] {
  const moved = previousStart === null ? 0 : range.startIndex - previousStart;
  const distance = Math.abs(moved);
  const ahead = distance > range.overscan && distance <= MAX_SCROLL_ROWS ? Math.min(distance, MAX_ROWS_AHEAD) : 0;
  const start = Math.max(range.startIndex - range.overscan - (moved < 0 ? ahead : 0), 0);
  const end = Math.min(range.endIndex + range.overscan + (moved > 0 ? ahead : 0), range.count - 1);
  return Array.from({ length: Math.max(end - start + 1, 0) }, (_, offset) => start + offset);
}

/** Which rows the list last committed, and whether the virtualiser is measuring one from its ref. */
export class RenderedRows {
  private first = 0;
  private last = -1;
  private isMeasuring = false;
  private previousStart: number | null = null;

  /** The virtualiser's range extractor; it asks once per change of the rows in view. */
  readonly extract = (range: VirtualRange): number[] => {
    const rows = rowsToRender(range, this.previousStart);
    this.previousStart = range.startIndex;
    return rows;
  };

  note(first: number | undefined, last: number | undefined): void {
    this.first = first ?? 0;
    this.last = last ?? -1;
  }

  /** True when some row of the view is not among the rows in the DOM (view plus overscan). */
  isPast(view: Range | null): boolean {
    if (!view || this.last < this.first) return false;
    return view.startIndex < this.first || view.endIndex > this.last;
  }

  /** True while a row's ref is measuring it, inside React's commit, where nothing can be flushed. */
  get isInCommit(): boolean {
    return this.isMeasuring;
  }

  measuring(measure: (node: HTMLLIElement | null) => void): (node: HTMLLIElement | null) => void {
    return (node) => {
      this.isMeasuring = true;
      try {
        measure(node);
      } finally {
        this.isMeasuring = false;
      }
    };
  }
}

/**
 * The list renders after the scroll event, not in it (several wheel events in a frame make one
 * render), and the overscan covers what the view moves before that render. A scroll that moves
 * further in one frame (a burst of PageDowns, a fling on a loaded machine) left frames blank:
 * measured in Chromium on a 373 px view, several frames of a 20-PageDown burst with no row in view.
 * When the rows in view are not in the DOM, this renders them at once, inside the scroll event.
 */
export function useCatchUpRender() {
  const [, render] = useReducer((count: number) => count + 1, 0);
  const [rows] = useState(() => new RenderedRows());
  const onChange = useCallback(
    (instance: Virtualizer<HTMLDivElement, HTMLLIElement>, sync: boolean) => {
      if (sync && instance.isScrolling && !rows.isInCommit && rows.isPast(instance.range)) flushSync(render);
    },
    [rows],
  );
  return { onChange, rows, rangeExtractor: rows.extract };
}

/** After each commit, notes which rows are in the DOM; the list calls it with its first and last row. */
export function useNoteRenderedRows(rows: RenderedRows, first: number | undefined, last: number | undefined): void {
  useLayoutEffect(() => rows.note(first, last), [rows, first, last]);
}
