import type { Leadership } from './leadership';

/** How often the sweep's leader re-arms open offers: an offer outlives its replica by at most this. */
export const OFFER_SWEEP_MS = 1500;

/**
 * Replicas: the offering replica arms each offer's timer, and so does the leader of the
 * 'offer-sweep' job, from the store's open offers, on taking over and then periodically. A killed
 * replica's offers still expire on time; a timer armed twice is harmless (expiry is decided
 * inside the write that ends the offer) and re-arming an offer already armed here is a no-op.
 */
export function startOfferSweep(options: { leadership: Leadership; rearm: () => Promise<void>; intervalMs?: number; onError?: (error: unknown) => void }) {
  const intervalMs = options.intervalMs ?? OFFER_SWEEP_MS;
  let running: Promise<void> = Promise.resolve();
  let isRunning = false;
  let isStopped = false;

  const sweep = () => {
    if (isStopped || isRunning || !options.leadership.isLeader()) return;
    isRunning = true;
    running = options
      .rearm()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => (isRunning = false));
  };
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  const unsubscribe = options.leadership.onChange((isLeader) => {
    if (isLeader) sweep();
  });

  return {
    /** Stops sweeping and waits for a sweep under way, so the store can close after it. */
    async stop(): Promise<void> {
      isStopped = true;
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
}
