import { describe, expect, it } from 'vitest';
import { createBoardStore } from '../../../src/renderer/wallboard/board-store';
import { QUALITY_REFRESH_MS, createQualityPoll } from '../../../src/renderer/wallboard/quality-poll';
import { pointsGap } from '../../../src/renderer/wallboard/selectors';
import type { WallboardQuality } from '../../../src/shared/wallboard-quality';

const DAY = Date.parse('2026-11-20T00:00:00Z');
const summary = (failedHandovers: number, csatGap: number | null): WallboardQuality => ({
  from: new Date(DAY).toISOString(), to: '', handoffs: 10, failedHandovers, abandonedBeforeAgent: 1, repeatRate: 0.1, csatAfterHandoff: 0.7, csatDirect: 0.8, csatGap,
});

function harness(answers: (() => Promise<WallboardQuality>)[]) {
  let now = DAY + 9 * 3600_000;
  const intervals: { run: () => void; ms: number }[] = [];
  const asked: [string, string][] = [];
  const board = createBoardStore({ now: () => now, startOfDay: () => DAY });
  const poll = createQualityPoll(
    {
      now: () => now,
      startOfDay: () => DAY,
      setInterval: (run, ms) => intervals.push({ run, ms }),
      clearInterval: () => undefined,
      fetchQuality: (from, to) => {
        asked.push([from, to]);
        const answer = answers.shift();
        return answer ? answer() : Promise.reject(new Error('hub down'));
      },
    },
    board.showQuality,
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { board, poll, intervals, asked, settle, advance: (ms: number) => (now += ms) };
}

describe('the wallboard quality figures', () => {
  it('reads today so far at once and again every minute', async () => {
    const h = harness([async () => summary(2, -0.1), async () => summary(3, -0.12)]);
    h.poll.start();
    await h.settle();

    expect(h.asked).toEqual([['2026-11-20T00:00:00.000Z', '2026-11-20T09:00:00.000Z']]);
    expect(h.intervals.map((interval) => interval.ms)).toEqual([QUALITY_REFRESH_MS]);
    expect(h.board.store.getState().quality?.failedHandovers).toBe(2);

    h.advance(QUALITY_REFRESH_MS);
    h.intervals[0]?.run();
    await h.settle();
    expect(h.asked[1]).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-20T09:01:00.000Z']);
    expect(h.board.store.getState().quality?.failedHandovers).toBe(3);
  });

  it('keeps the last figures on the wall when a read fails', async () => {
    const h = harness([async () => summary(2, -0.1)]);
    h.poll.start();
    await h.settle();
    h.intervals[0]?.run();
    await h.settle();

    expect(h.asked).toHaveLength(2);
    expect(h.board.store.getState().quality?.failedHandovers).toBe(2);
  });

  it('drops an answer that arrives after a newer one', async () => {
    let answerSlow: (quality: WallboardQuality) => void = () => undefined;
    const h = harness([() => new Promise((resolve) => (answerSlow = resolve)), async () => summary(5, 0)]);
    h.poll.start();
    h.intervals[0]?.run();
    await h.settle();
    answerSlow(summary(1, 0));
    await h.settle();

    expect(h.board.store.getState().quality?.failedHandovers).toBe(5);
  });

  it('shows the CSAT gap in signed percentage points, and a dash until both sides are rated', () => {
    expect(pointsGap(-0.123)).toBe('−12 pts');
    expect(pointsGap(0.05)).toBe('+5 pts');
    expect(pointsGap(0)).toBe('0 pts');
    expect(pointsGap(null)).toBe('—');
  });
});
