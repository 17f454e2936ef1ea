import { notMeasured, type FigureReport } from '../lib/figure';

const FRAME_MS = 16.7;

/** The rows the code on main cannot measure yet, so that the table is complete and says why. */
export function notYetMeasured(): FigureReport[] {
  return [
    {
      figure: notMeasured('transcript', 'ms (frame p95)', FRAME_MS, { op: '<', value: 1 }),
      details: ['not measured yet (the frame harness of the wallboard figure is ready: bench/lib/frame-trace.ts); to measure: open and scroll a 5,000-turn conversation, frame time p95 (goal < 16.7 ms)'],
    },
  ];
}
