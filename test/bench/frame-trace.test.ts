import { describe, expect, it } from 'vitest';
import { frameWorkMs, type TraceEvent } from '../../bench/lib/frame-trace';

const frame = (ts: number, tid = 1): TraceEvent => ({ name: 'BeginMainThreadFrame', ph: 'I', pid: 1, tid, ts });
const task = (ts: number, durMs: number, tid = 1): TraceEvent => ({ name: 'RunTask', ph: 'X', pid: 1, tid, ts, dur: durMs * 1000 });

describe('frame work from a Chrome trace', () => {
  it('sums the main thread tasks that start inside each frame', () => {
    const events = [frame(0), task(100, 2), task(5000, 3), frame(16_700), task(16_800, 1), frame(33_400)];
    expect(frameWorkMs(events)).toEqual([5, 1]);
  });

  it('counts a long task as one long frame, in the frame where it starts', () => {
    const events = [frame(0), task(1000, 80), frame(81_500), task(82_000, 1), frame(98_200)];
    expect(frameWorkMs(events)).toEqual([80, 1]);
  });

  it('ignores other threads and nested tasks already inside their parent', () => {
    const events = [frame(0), frame(10, 2), task(100, 4), task(200, 1), task(300, 50, 2), frame(16_700), frame(20_000, 2)];
    expect(frameWorkMs(events)).toEqual([4]);
  });

  it('answers no frames when the trace has fewer than two frame starts', () => {
    expect(frameWorkMs([frame(0), task(10, 5)])).toEqual([]);
  });
});
