import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGEING_STEP_MS, normalizePriority, orderWaiting, type Waiting } from '../../../src/hub/routing/queue-order';

const start = Date.parse('2026-11-20T10:00:00.000Z');
const waiting = (id: string, priority: number, secondsAfterStart: number): Waiting => ({
  id,
  priority,
  createdAt: new Date(start + secondsAfterStart * 1000).toISOString(),
});

describe('the order of a queue', () => {
  it('serves higher priority first, then the longest waiting', () => {
    const queue = [waiting('low-old', 1, 0), waiting('urgent', 5, 30), waiting('normal-old', 3, 10), waiting('normal-new', 3, 20)];
    expect(orderWaiting(queue, start + 40_000).map((entry) => entry.id)).toEqual(['urgent', 'normal-old', 'normal-new', 'low-old']);
  });

  it('lets a low-priority chat that waited one ageing step per level overtake newer urgent ones', () => {
    const lowOld = waiting('low-old', 1, 0);
    const urgentNew = waiting('urgent-new', 5, 0);
    const stepsLater = (steps: number) => start + steps * AGEING_STEP_MS;
    // The low chat (1) gains a level per step: after more than 4 steps it beats a fresh urgent one (5).
    const freshAt = (steps: number) => ({ ...urgentNew, createdAt: new Date(stepsLater(steps)).toISOString() });
    expect(orderWaiting([freshAt(4.5), lowOld], stepsLater(4.5))[0]!.id).toBe('low-old');
    expect(orderWaiting([freshAt(3.5), lowOld], stepsLater(3.5))[0]!.id).toBe('urgent-new');
  });

  it('honours a configured ageing step', () => {
    const queue = [waiting('urgent-new', 5, 60), waiting('low-old', 1, 0)];
    expect(orderWaiting(queue, start + 60_000, 10_000)[0]!.id).toBe('low-old');
    expect(orderWaiting(queue, start + 60_000, 60_000)[0]!.id).toBe('urgent-new');
  });

  it('serves a chat before any that arrived more than (5 − priority) ageing steps after it, so none is starved', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.record({ priority: fc.integer({ min: 1, max: 5 }), extraSeconds: fc.integer({ min: 1, max: 3600 }) }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 7200 }),
        (priority, others, laterSeconds) => {
          const old = waiting('old', priority, 0);
          const boundSeconds = ((5 - priority) * AGEING_STEP_MS) / 1000;
          const newer = others.map((other, index) => waiting(`n${index}`, other.priority, boundSeconds + other.extraSeconds));
          const nowMs = start + (boundSeconds + 3600 + laterSeconds) * 1000;
          return orderWaiting([...newer, old], nowMs)[0]!.id === 'old';
        },
      ),
    );
  });
});

describe('priorities as bots send them', () => {
  it('defaults to 3 and keeps 1 to 5, clamping the wider wire range', () => {
    expect(normalizePriority(undefined)).toBe(3);
    expect(normalizePriority(0)).toBe(1);
    expect(normalizePriority(2)).toBe(2);
    expect(normalizePriority(9)).toBe(5);
  });
});
