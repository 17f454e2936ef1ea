/**
 * Faults, with figures: the hub SIGKILLed while a retrying bot hands off, agents reply and
 * resuming clients stream (sent, delivered, lost, duplicated), a stalled client beside them (hub
 * memory, others' latency); half-open, stalled and flapping stream clients on a short heartbeat;
 * a client too slow to read cut off at 8 MB unsent and resumed; slow, greedy and hostile clients
 * (header trickle, a socket flood from one address, a hanging enrichment worker, a login flood);
 * and the desktop cache SIGKILLed mid-write.
 *
 *   npx tsx scripts/chaos/run.ts [--quick]
 *
 * Full: 10,000 handoffs, 5 hub kills, 3 resuming clients, 50 cache kills. --quick: the npm test size.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCacheChaos } from './cache-kill';
import { runHubChaos, type HubChaosFigures } from './hub-kill';
import { describeHostileClients, hostileClientsPassed, runHostileClients } from './hostile-clients';
import { runReplicaFaults } from './replica-faults';
import { runStreamFaults, type StreamFaultFigures } from './stream-faults';
import { runTooSlow, tooSlowPassed, type TooSlowFigures } from './too-slow';

export const CHAOS_SIZES = {
  quick: { handoffs: 300, kills: 2, clients: 3, cacheKills: 0, replicaHandoffs: 48 },
  full: { handoffs: 10_000, kills: 5, clients: 3, cacheKills: 50, replicaHandoffs: 200 },
};

/** Half-open, stalled and flapping stream clients beside healthy ones, on a hub with a short heartbeat. */
export const STREAM_FAULT_SIZES = {
  quick: { handoffs: 150, heartbeatMs: 500, halfOpen: 3, stalled: 2, flapEveryMs: 100 },
  full: { handoffs: 500, heartbeatMs: 1000, halfOpen: 20, stalled: 5, flapEveryMs: 150 },
};

export function describeStreamFaults(f: StreamFaultFigures): string[] {
  const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
  return [
    `stream faults (heartbeat ${f.heartbeatMs} ms, ${f.handoffs} handoffs):`,
    `  half-open peers (never pong): ${f.halfOpen.dropped}/${f.halfOpen.peers} dropped after at most ${f.halfOpen.pingsMax} unanswered pings, the last ${f.halfOpen.dropMsMax ?? 'n/a'} ms after its hello (two heartbeats: ${2 * f.heartbeatMs} ms)`,
    `  stalled peers (stop reading): ${f.stalled.dropped}/${f.stalled.peers} dropped`,
    `  flapping client (${f.flapping.flaps} drops): delivered ${f.flapping.delivered}, lost ${f.flapping.lost}, duplicated ${f.flapping.duplicated}, out of order ${f.flapping.outOfOrder}, resyncs ${f.flapping.resyncs}`,
    `  hub RSS max ${mb(f.hubRssMaxBytes)}; healthy clients' delivery p50 / p99: alone ${f.baseline.p50 ?? 'n/a'} / ${f.baseline.p99 ?? 'n/a'} ms, beside the faults ${f.withFaults.p50 ?? 'n/a'} / ${f.withFaults.p99 ?? 'n/a'} ms`,
  ];
}

export function describeTooSlow(f: TooSlowFigures, baseline: TooSlowFigures): string[] {
  const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
  return [
    `too-slow client (reads nothing while ${f.handoffs} ~0.9 MB handoffs flow):`,
    `  closed with ${f.closeCode ?? 'nothing'} "${f.closeReason ?? ''}" after ${f.eventsBeforeCutOff}/${f.eventsTotal} events (${f.megabytesBeforeCutOff} MB read)`,
    `  resumed from its last seq: rest lost ${f.resumedLost}, duplicated ${f.resumedDuplicated}${f.resynced ? ', told to resync' : ''}`,
    `  hub RSS max ${mb(f.hubRssMaxBytes.firstHalf)} (first half) / ${mb(f.hubRssMaxBytes.secondHalf)} (second half); healthy client's delivery p99 ${f.healthyDeliveryMsP99 ?? 'n/a'} ms`,
    `  baseline, same traffic with that client reading: hub RSS max ${mb(baseline.hubRssMaxBytes.firstHalf)} / ${mb(baseline.hubRssMaxBytes.secondHalf)}; delivery p99 ${baseline.healthyDeliveryMsP99 ?? 'n/a'} ms`,
  ];
}

/** A stream-fault run passes when every bad peer was dropped in time and the flapper lost nothing. */
export const streamFaultsFailed = (f: StreamFaultFigures): boolean =>
  f.halfOpen.dropped !== f.halfOpen.peers ||
  f.halfOpen.pingsMax > 2 ||
  f.stalled.dropped !== f.stalled.peers ||
  f.flapping.lost + f.flapping.duplicated + f.flapping.outOfOrder > 0;

export function describeHubChaos(f: HubChaosFigures): string[] {
  const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
  return [
    `hub: sent ${f.sent}, accepted ${f.accepted}, bot retries ${f.retries}, hub SIGKILLs ${f.kills}, duplicate conversations ${f.duplicateConversations}`,
    ...f.clients.map((c) => `  ${c.name}: delivered ${c.delivered}, lost ${c.lost}, duplicated ${c.duplicated}, out of order ${c.outOfOrder}, drops ${c.drops}, resyncs ${c.resyncs}`),
    `agents: accepted ${f.agents.accepted}, replies accepted ${f.agents.replies} (sent again with the same client id ${f.agents.replyRetries} times, ${f.agents.retriesRecognised} answered "already stored"), resolved ${f.agents.resolved}`,
    ...f.replies.map((c) => `  replies to ${c.name}: expected ${c.expected}, lost ${c.lost}, duplicated ${c.duplicated}, conversations out of order ${c.outOfOrder}`),
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
    const stream = await runStreamFaults(values.quick ? STREAM_FAULT_SIZES.quick : STREAM_FAULT_SIZES.full);
    for (const line of describeStreamFaults(stream)) console.log(line);
    const slow = await runTooSlow({ handoffs: 30 });
    const slowBaseline = await runTooSlow({ handoffs: 30, stall: false });
    for (const line of describeTooSlow(slow, slowBaseline)) console.log(line);
    const hostile = await runHostileClients();
    for (const line of describeHostileClients(hostile)) console.log(line);
    let cacheOk = true;
    if (sizes.cacheKills > 0) {
      const cache = await runCacheChaos(sizes.cacheKills);
      cacheOk = cache.passed;
      console.log(`desktop cache: ${cache.kills} SIGKILLs mid-write, ${cache.passed ? 'every acknowledged write kept, integrity_check ok' : 'FAILED'}`);
      if (!cache.passed) console.log(cache.output);
    }
    const replicas = runReplicaFaults({ handoffs: sizes.replicaHandoffs });
    console.log(`replicas: ${sizes.replicaHandoffs} handoffs through HAProxy, replicas SIGKILLed, PostgreSQL crashed: ${replicas.passed ? 'passed' : 'FAILED'}`);
    const failed =
      !replicas.passed ||
      hub.clients.some((c) => c.lost + c.duplicated + c.outOfOrder > 0) ||
      hub.replies.some((c) => c.lost + c.duplicated + c.outOfOrder > 0) ||
      hub.agents.replies === 0 ||
      streamFaultsFailed(stream) ||
      !tooSlowPassed(slow) ||
      !hostileClientsPassed(hostile) || hub.duplicateConversations > 0 || hub.accepted !== hub.sent || !cacheOk;
    process.exit(failed ? 1 : 0);
  })();
}
