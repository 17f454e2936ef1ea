import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HANDLE_MS, describeWait, estimateWait, median } from '../../../src/hub/services/eta';

const etaOf = (estimate: ReturnType<typeof estimateWait>): number =>
  estimate.kind === 'estimated' ? estimate.etaMs : estimate.kind === 'next' ? 0 : Number.POSITIVE_INFINITY;

describe('estimateWait', () => {
  it('says a customer who is not in the queue is not waiting', () => {
    expect(estimateWait({ position: 0, agentsAvailable: 3, freeSlots: 0, medianHandleMs: 60_000 })).toEqual({ kind: 'not-waiting' });
  });

  it('gives no figure when nobody who can help is available, rather than a guess', () => {
    const estimate = estimateWait({ position: 2, agentsAvailable: 0, freeSlots: 0, medianHandleMs: 60_000 });
    expect(estimate).toEqual({ kind: 'no-agents', position: 2 });
    expect(describeWait(estimate)).toMatch(/number 2 in the queue\. Nobody who can help is available/);
  });

  it('tells the first customers they are next when free slots cover their position', () => {
    expect(estimateWait({ position: 2, agentsAvailable: 2, freeSlots: 2, medianHandleMs: 60_000 })).toEqual({ kind: 'next', position: 2 });
  });

  it('waits one median handle time per slot-round ahead, shared by the concurrent slots', () => {
    // 2 agents × 2 chats each, none free: the 6th customer needs 6 slots to free up, 4 at a time.
    const estimate = estimateWait({ position: 6, agentsAvailable: 2, concurrentSlots: 4, freeSlots: 0, medianHandleMs: 8 * 60_000 });
    expect(estimate).toEqual({ kind: 'estimated', position: 6, etaMs: 12 * 60_000 });
    expect(describeWait(estimate)).toBe("You're number 6 in the queue. Estimated wait: about 12 minutes.");
  });

  it('falls back to the default handle time before the queue has any history', () => {
    expect(estimateWait({ position: 1, agentsAvailable: 1, freeSlots: 0, medianHandleMs: null })).toEqual({
      kind: 'estimated',
      position: 1,
      etaMs: DEFAULT_HANDLE_MS,
    });
  });

  it('rounds a partial minute up and says "1 minute" in the singular', () => {
    expect(describeWait({ kind: 'estimated', position: 1, etaMs: 20_000 })).toMatch(/about 1 minute\.$/);
    expect(describeWait({ kind: 'estimated', position: 1, etaMs: 61_000 })).toMatch(/about 2 minutes\.$/);
  });

  it('never promises a shorter wait to a customer further back in the same queue', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 40 }),
        fc.option(fc.integer({ min: 1, max: 3_600_000 })),
        (a, b, agents, capacity, free, handle) => {
          const [front, back] = a <= b ? [a, b] : [b, a];
          const load = { agentsAvailable: agents, concurrentSlots: agents * capacity, freeSlots: free, medianHandleMs: handle };
          expect(etaOf(estimateWait({ ...load, position: front }))).toBeLessThanOrEqual(etaOf(estimateWait({ ...load, position: back })));
        },
      ),
    );
  });
});

describe('median', () => {
  it('takes the middle sample, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
