import type { Presence } from '../services/presence';
import type { Leadership } from './leadership';
import { createLogFollower } from './log-follower';

/** How often the sweep's leader logs what time changed: a dead replica's agents and ended wrap-ups show within this. */
export const PRESENCE_SWEEP_MS = 1000;
/** The presence log is only read live (a replica starts from its end): older changes are pruned. */
const KEEP_CHANGES_MS = 3600_000;

export interface PresenceFloorOptions {
  presence: Presence;
  /** Replicas: the leader of 'presence-sweep' logs lease expiries and wrap-up ends; null for one process (SQLite). */
  leadership: Leadership | null;
  now: () => number;
  intervalMs?: number;
  onError(error: unknown): void;
}

/**
 * Keeps this replica's view of the floor's presence: follows the presence log (woken with the
 * event log, polled on replicas in case a wake-up was lost) and hands each change, in order, to
 * this replica's listeners (supervisors' agent lists). One process on its own store drops leases
 * a previous run left; on replicas, one leader sweeps for what time changed.
 */
export async function startPresenceFloor(options: PresenceFloorOptions) {
  const { presence } = options;
  const store = presence.store();
  if (!options.leadership) await presence.forgetOtherLeases();
  await presence.sweep();
  const follower = createLogFollower({
    readAfter: async (seq, limit) => (await store.after(seq, limit)).map((change) => ({ event: change })),
    fromSeq: await store.latestSeq(),
    pollMs: options.leadership ? 1000 : null,
    publish: (changes) => presence.publish(changes.map((entry) => entry.event)),
    onError: options.onError,
  });

  let sweeping: Promise<void> = Promise.resolve();
  let isSweeping = false;
  const sweep = () => {
    if (isSweeping || !options.leadership?.isLeader()) return;
    isSweeping = true;
    sweeping = presence
      .sweep()
      .then(() => store.prune(options.now() - KEEP_CHANGES_MS))
      .catch((error: unknown) => options.onError(error))
      .finally(() => (isSweeping = false));
  };
  const timer = options.leadership ? setInterval(sweep, options.intervalMs ?? PRESENCE_SWEEP_MS) : null;
  timer?.unref();

  return {
    wake: follower.wake,
    settled: follower.settled,
    /** Stops sweeping and following; waits for a sweep under way, so the store can close after it. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await sweeping;
      await follower.stop();
    },
  };
}

export type PresenceFloor = Awaited<ReturnType<typeof startPresenceFloor>>;
