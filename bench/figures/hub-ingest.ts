import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { askChild, startChild } from '../lib/child';
import { mainThreadCpuUs } from '../lib/cpu';
import { measured, type FigureReport } from '../lib/figure';
import { BENCH_AGENT, BENCH_INTEGRATION_TOKEN, BENCH_QUEUE, signIn, startBenchHub, tempDir } from '../lib/hub-fixture';
import type { LoadRequest, LoadResult } from '../lib/load-client';
import { percentile } from '../lib/percentiles';
import { listenToStream } from '../lib/stream-listener';
import { sharedEnrichmentPool } from '../../src/hub/intake/enrichment-pool';
import { startBareIngestServer } from './bare-ingest-server';

export interface HubIngestOptions {
  rounds: number;
  measureMs: number;
  warmupMs: number;
  maxRequests: number;
  concurrency: number;
}

const LOAD_CLIENT = join(__dirname, '..', 'lib', 'load-client.ts');

interface Round {
  rate: number;
  result: LoadResult;
  /** CPU time of this process (the server under test) per handled request, in µs. */
  cpuPerRequestUs: number;
  /** Of which the main thread's, the one that serves requests (null off Linux). */
  mainThreadPerRequestUs: number | null;
}

/**
 * Handoffs per second into the real hub (startHub → Fastify → zod → enrichment → SQLite (WAL, synchronous=NORMAL) →
 * routing → publish) over loopback HTTP, against a bare node:http route doing the same validation
 * and a 21-row durable write. The load comes from one child process. The machine is shared, so
 * hub and baseline alternate in short rounds, each on a fresh server, and the medians are compared.
 *
 * The headline has no agent online, so every handoff stays queued: what a burst looks like when
 * handoffs arrive faster than agents take them. A second hub run keeps one agent online with room
 * for every handoff, so each is offered at once and the queue stays empty.
 */
export async function benchHubIngest(options: HubIngestOptions): Promise<FigureReport> {
  const child = startChild(LOAD_CLIENT);
  const load = async (url: string, runId: string): Promise<Round> => {
    const request: LoadRequest = {
      url,
      path: '/v1/handoffs',
      token: BENCH_INTEGRATION_TOKEN,
      queue: BENCH_QUEUE,
      turns: 20,
      concurrency: options.concurrency,
      warmupMs: options.warmupMs,
      measureMs: options.measureMs,
      maxRequests: options.maxRequests,
      runId,
      seed: 9,
    };
    // The server runs in this process and the load in a child, so this process's CPU time is the
    // server's (plus idle timers): a cost per handoff that the machine's other load does not skew
    // the way it skews throughput.
    const cpuBefore = process.cpuUsage();
    const mainBefore = mainThreadCpuUs();
    const result = await askChild<LoadResult>(child, request, options.warmupMs + options.measureMs + 60_000);
    const cpu = process.cpuUsage(cpuBefore);
    const mainAfter = mainThreadCpuUs();
    const handled = Math.max(1, result.sent);
    const mainThreadPerRequestUs = mainBefore === null || mainAfter === null ? null : (mainAfter - mainBefore) / handled;
    return { rate: result.ok / result.seconds, result, cpuPerRequestUs: (cpu.user + cpu.system) / handled, mainThreadPerRequestUs };
  };

  // The hub enriches handoffs on a worker thread that a running hub starts when it listens. Each
  // round starts a fresh hub, so the worker's one-off load (a second or more on a busy machine)
  // would otherwise fall in the first round's measurement: it is waited for once, here.
  const isWorkerUp = await sharedEnrichmentPool().whenReady();
  const queued: Round[] = [];
  const offered: Round[] = [];
  const bare: Round[] = [];
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      const hub = await startBenchHub();
      try {
        queued.push(await load(hub.url, `queued-${round}`));
      } finally {
        await hub.close();
      }

      const dir = tempDir('warmline-bench-bare-');
      const server = await startBareIngestServer(dir);
      try {
        bare.push(await load(server.url, `bare-${round}`));
      } finally {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }

      const withAgent = await startBenchHub();
      const agent = await listenToStream(withAgent.url, await signIn(withAgent.url, BENCH_AGENT.email));
      try {
        offered.push(await load(withAgent.url, `offered-${round}`));
      } finally {
        agent.close();
        await withAgent.close();
      }
    }
  } finally {
    child.kill();
  }

  const median = (rounds: Round[]) => percentile(rounds.map((round) => round.rate), 50);
  const failed = (rounds: Round[]) => rounds.reduce((sum, round) => sum + round.result.failed, 0);
  const describe = (label: string, rounds: Round[]) => {
    const all = rounds.map((round) => round.result);
    const ok = all.reduce((sum, result) => sum + result.ok, 0);
    const p99 = percentile(all.map((result) => result.latencyMs.p99), 50);
    const statuses = failed(rounds) === 0 ? '' : `, ${failed(rounds)} failed: ${all.map((result) => JSON.stringify(result.statuses)).join(' ')}`;
    const cpu = percentile(rounds.map((round) => round.cpuPerRequestUs), 50);
    const mains = rounds.flatMap((round) => (round.mainThreadPerRequestUs === null ? [] : [round.mainThreadPerRequestUs]));
    const main = mains.length === 0 ? '' : ` (main thread ${percentile(mains, 50).toFixed(0)})`;
    return `${label}: ${rounds.map((round) => round.rate.toFixed(0)).join(' / ')} handoffs/s per round (median ${median(rounds).toFixed(0)}), ${ok} handoffs of ~${all[0]?.bodyBytes ?? 0} B, request p99 ${p99.toFixed(1)} ms, server CPU ${cpu.toFixed(0)}${main} µs per handoff${statuses}`;
  };
  return {
    figure: measured('hub ingest', 'handoffs/s', median(queued), median(bare), { op: '>=', value: 0.5 }, failed(queued) === 0),
    details: [
      `${options.rounds} rounds of ${(options.measureMs / 1000).toFixed(1)} s after ${(options.warmupMs / 1000).toFixed(1)} s warm-up, ${options.concurrency} keep-alive connections from a child process; each round on a fresh server; ${isWorkerUp ? 'the hub\'s enrichment worker up before the first round' : 'no enrichment worker could start: the hub enriched on its request thread'}`,
      describe('hub, no agent online (every handoff stays queued)', queued),
      describe('bare node:http + zod + 21-row write, same durability (baseline)', bare),
      `${describe('hub, one agent online with room for all (each handoff offered)', offered)}; ratio ${(median(offered) / median(bare)).toFixed(2)}×`,
    ],
  };
}
