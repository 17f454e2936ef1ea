import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FloorCounters } from './floor-counters';

type Incremented = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * @fastify/rate-limit's store over the floor's counters: every replica on one store draws on one
 * allowance per key. `prefix` keeps each limit's keys apart in the shared table.
 */
export function floorRateLimitStore(counters: Pick<FloorCounters, 'hit'>, prefix: string): FastifyRateLimitStoreCtor {
  const store = {
    incr(key: string, done: Incremented, timeWindow: number): void {
      counters.hit(`${prefix}:${key}`, timeWindow).then(
        ({ hits, ttlMs }) => done(null, { current: hits, ttl: ttlMs }),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    },
    child: () => store,
  };
  // The plugin constructs its store from this; every construction is the same one store.
  // (Its typings omit the window and max the plugin passes to incr.)
  return function FloorWindows() {
    return store;
  } as unknown as FastifyRateLimitStoreCtor;
}
