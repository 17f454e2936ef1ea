import { join } from 'node:path';
import { build } from '../../src/hub/app';
import { seedDemo } from '../../src/hub/demo/seed';
import type { RunningHub } from '../../src/hub/server';

/**
 * A bench load is one integration sending far more than the per-integration limit a production
 * hub enforces (600 a minute), so every request past the first minute would be a 429. `startHub`
 * does not pass `integrationRateLimit` through to `build`, so this is `startHub` on loopback with
 * the limit raised beyond any bench; everything else (routes, store, stream) is the same code.
 */
export const BENCH_RATE_LIMIT = { max: 1_000_000_000, timeWindowMs: 60_000 };

export async function startBenchHubProcess(options: { dataDir: string; demo: boolean; offerTimeoutMs?: number | null }): Promise<RunningHub> {
  const hub = build({
    databaseFile: join(options.dataDir, 'hub.sqlite'),
    logger: false,
    offerTimeoutMs: options.offerTimeoutMs,
    integrationRateLimit: BENCH_RATE_LIMIT,
  });
  if (options.demo) await seedDemo(hub.context.accounts);
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const address = hub.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { hub, port, url: `http://127.0.0.1:${port}`, close: () => hub.app.close() };
}
