import { describe, expect, it } from 'vitest';
import { STREAM_FAULT_SIZES } from '../../scripts/chaos/run';
import { runStreamFaults } from '../../scripts/chaos/stream-faults';

/** The quick stream-fault run: the real hub CLI with a 500 ms heartbeat, bad peers beside healthy ones. */
describe('the desktop stream with half-open, stalled and flapping clients (quick chaos)', () => {
  it(
    'drops half-open peers after one unanswered ping and stalled ones too, while a flapping client still gets every handoff exactly once and in order',
    async () => {
      const sizes = STREAM_FAULT_SIZES.quick;
      const figures = await runStreamFaults(sizes);
      expect(figures.handoffs).toBe(sizes.handoffs);
      expect(figures.halfOpen).toMatchObject({ peers: sizes.halfOpen, dropped: sizes.halfOpen });
      // Pinged once, silent, terminated at the next tick: the heartbeat's contract, whatever the load.
      expect(figures.halfOpen.pingsMax).toBeLessThanOrEqual(2);
      expect(figures.stalled).toEqual({ peers: sizes.stalled, dropped: sizes.stalled });
      expect(figures.flapping.flaps).toBeGreaterThan(5);
      expect(figures.flapping).toMatchObject({ delivered: sizes.handoffs, lost: 0, duplicated: 0, outOfOrder: 0 });
    },
    120_000,
  );
});
