import { useCallback, useLayoutEffect, useReducer, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Virtualizer } from '@tanstack/react-virtual';

interface Range {
  startIndex: number;
  endIndex: number;
}

/** Which rows the list last committed, and whether the virtualiser is measuring one from its ref. */
export class RenderedRows {
  private first = 0;
  private last = -1;
  private isMeasuring = false;

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

/** Set to 'off' in localStorage, the list never renders inside a scroll event (the bench's without). */
export const CATCH_UP_SWITCH = 'warmline:catch-up-render';

const isCatchUpOn = (): boolean => {
  try {
    return window.localStorage.getItem(CATCH_UP_SWITCH) !== 'off';
  } catch {
    return true;
  }
};

/**
 * The list renders after the scroll event, not in it (several wheel events in a frame make one
 * render), and the overscan covers what the view moves before that render. A scroll that moves
 * further in one frame (a burst of PageDowns, a fling on a loaded machine) would leave the frame
 * blank, so when the rows in view are not in the DOM this renders them at once, inside the scroll
 * event (docs/decisions/005-transcript-rendering.md).
 */
export function useCatchUpRender() {
  const [, render] = useReducer((count: number) => count + 1, 0);
  const [rows] = useState(() => new RenderedRows());
  const [isOn] = useState(isCatchUpOn);
  const onChange = useCallback(
    (instance: Virtualizer<HTMLDivElement, HTMLLIElement>, sync: boolean) => {
      if (isOn && sync && instance.isScrolling && !rows.isInCommit && rows.isPast(instance.range)) flushSync(render);
    },
    [rows, isOn],
  );
  return { onChange, rows };
}

/** After each commit, notes which rows are in the DOM; the list calls it with its first and last row. */
export function useNoteRenderedRows(rows: RenderedRows, first: number | undefined, last: number | undefined): void {
  useLayoutEffect(() => rows.note(first, last), [rows, first, last]);
}
