import { describe, expect, it } from 'vitest';
import { describeBreakdown, longFrameBreakdown } from '../../bench/lib/frame-breakdown';
import type { TraceEvent } from '../../bench/lib/frame-trace';

const frame = (ts: number, tid = 1): TraceEvent => ({ name: 'BeginMainThreadFrame', ph: 'I', pid: 1, tid, ts });
const span = (name: string, ts: number, durMs: number, tid = 1): TraceEvent => ({ name, ph: 'X', pid: 1, tid, ts, dur: durMs * 1000 });

describe('what the long frames of a Chrome trace spent their time on', () => {
  it('counts self time by event name in frames over budget only', () => {
    const events = [
      frame(0),
      span('RunTask', 100, 30),
      span('FunctionCall', 200, 20),
      span('MinorGC', 1000, 5),
      span('Layout', 25_000, 4),
      frame(40_000),
      span('RunTask', 40_100, 3),
      span('FunctionCall', 40_200, 2),
      frame(60_000),
    ];
    const breakdown = longFrameBreakdown(events, 16.7);
    expect(breakdown.longFrames).toBe(1);
    expect(Object.fromEntries(breakdown.selfMs)).toEqual({ FunctionCall: 15, MinorGC: 5, Layout: 4, RunTask: 6 });
  });

  it('reads the main thread only, as frame work does', () => {
    const events = [frame(0), frame(5, 2), span('RunTask', 100, 20), span('RunTask', 100, 50, 2), span('Paint', 200, 40, 2), frame(30_000), frame(31_000, 2)];
    expect(longFrameBreakdown(events, 16.7).selfMs).toEqual([['RunTask', 20]]);
  });

  it('says so when no frame went over budget', () => {
    const events = [frame(0), span('RunTask', 100, 2), frame(16_700)];
    expect(describeBreakdown(longFrameBreakdown(events, 16.7))).toBe('no frame over budget');
  });

  it('describes the largest names per long frame', () => {
    expect(describeBreakdown({ longFrames: 2, selfMs: [['FunctionCall', 30], ['Layout', 8], ['Paint', 2]] }, 2)).toBe(
      '2 frames over budget, self ms per long frame: FunctionCall 15.0, Layout 4.0',
    );
  });
});
