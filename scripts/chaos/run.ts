/**
 * Faults, with figures: the hub SIGKILLed while a retrying bot hands off and resuming clients
 * stream (sent, delivered, lost, duplicated), a stalled client beside them (hub memory, others'
 * latency), and the desktop cache SIGKILLed mid-write.
 *
 *   npx tsx scripts/chaos/run.ts [--quick]
 *
 * Full: 10,000 handoffs, 5 hub kills, 3 resuming clients, 50 cache kills. --quick: the npm test size.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCacheChaos } from './cache-kill';
import { runHubChaos, type HubChaosFigures } from './hub-kill';

export const CHAOS_SIZES = {
  quick: { handoffs: 300, kills: 2, clients: 3, cacheKills: 0 },
  full: { handoffs: 10_000, kills: 5, clients: 3, cacheKills: 50 },
};

export function describeHubChaos(f: HubChaosFigures): string[] {
  const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
  return [
    `hub: sent ${f.sent}, accepted ${f.accepted}, bot retries ${f.retries}, hub SIGKILLs ${f.kills}, duplicate conversations ${f.duplicateConversations}`,
    ...f.clients.map((c) => `  ${c.name}: delivered ${c.delivered}, lost ${c.lost}, duplicated ${c.duplicated}, out of order ${c.outOfOrder}, drops ${c.drops}, resyncs ${c.resyncs}`),
    `stalled client beside them: hub RSS max ${mb(f.hubRssMaxBytes)}, delivery to a healthy client p50 ${f.deliveryMsP50 ?? 'n/a'} ms, p99 ${f.deliveryMsP99 ?? 'n/a'} ms`,
  ];
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(__filename);
if (invokedDirectly) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const sizes = values.quick ? CHAOS_SIZES.quick : CHAOS_SIZES.full;
  void (async () => {
    console.log(`Warmline chaos (${values.quick ? 'quick' : 'full'})`);
    const hub = await runHubChaos({ ...sizes, log: (line) => console.log(line) });
    for (const line of describeHubChaos(hub)) console.log(line);
    let cacheOk = true;
    if (sizes.cacheKills > 0) {
      const cache = await runCacheChaos(sizes.cacheKills);
      cacheOk = cache.passed;
      console.log(`desktop cache: ${cache.kills} SIGKILLs mid-write, ${cache.passed ? 'every acknowledged write kept, integrity_check ok' : 'FAILED'}`);
      if (!cache.passed) console.log(cache.output);
    }
    const failed = hub.clients.some((c) => c.lost + c.duplicated + c.outOfOrder > 0) || hub.duplicateConversations > 0 || hub.accepted !== hub.sent || !cacheOk;
    process.exit(failed ? 1 : 0);
  })();
}
