import { startHub, type RunningHub, type StartHubOptions } from '../../src/hub/server';

/**
 * A bench load is one integration sending far more than the per-integration limit a production
 * hub enforces (600 a minute), so every request past the first minute would be a 429. The bench
 * hub is the real `startHub` on loopback with that limit raised beyond any bench.
 */
export const BENCH_RATE_LIMIT = { max: 1_000_000_000, timeWindowMs: 60_000 };

/** The fan-out's thousands of stream clients share one address and one session: caps raised likewise. */
export const BENCH_EDGE_LIMITS = { maxConnectionsPerAddress: 1_000_000, maxStreamsPerSession: 1_000_000 };

export const startBenchHubProcess = (options: Pick<StartHubOptions, 'dataDir' | 'databaseUrl' | 'demo' | 'offerTimeoutMs' | 'machinery' | 'customerChat'>): Promise<RunningHub> =>
  startHub({ port: 0, host: '127.0.0.1', ...options, integrationRateLimit: BENCH_RATE_LIMIT, edgeLimits: BENCH_EDGE_LIMITS });
