import { notMeasured, type FigureReport } from '../lib/figure';

const FRAME_MS = 16.7;
const WHY = 'not measured yet: the supervisor console, wallboard and the Chromium frame-timing harness have not landed';

/** The rows the code on main cannot measure yet, so that the table is complete and says why. */
export function notYetMeasured(): FigureReport[] {
  return [
    {
      figure: notMeasured('wallboard / console', 'ms (frame p95)', FRAME_MS, { op: '<', value: 1 }),
      details: [`${WHY}; to measure: frame time p95 in Chromium with 5,000 conversations and 300 agents at 50 events/s (goal < 16.7 ms) and event-to-screen latency (goal < 100 ms)`],
    },
    {
      figure: notMeasured('transcript', 'ms (frame p95)', FRAME_MS, { op: '<', value: 1 }),
      details: ['not measured yet: needs the same Chromium frame-timing harness; to measure: open and scroll a 5,000-turn conversation, frame time p95 (goal < 16.7 ms)'],
    },
    {
      figure: notMeasured('memory', '% heap growth', null, { op: '<', value: 10 }),
      details: ['not measured yet: needs the wallboard; to measure: JS heap after ≥ 1 hour of accelerated events vs after the first minute (goal growth < 10%)'],
    },
  ];
}
