import { loadavg } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { hashPassword } from '../../src/hub/auth/passwords';
import { sharedEnrichmentPool } from '../../src/hub/intake/enrichment-pool';
import type { HubMachinery } from '../../src/hub/machinery';
import { askChild, startChild } from '../lib/child';
import { mainThreadCpuUs } from '../lib/cpu';
import { measured, type FigureReport } from '../lib/figure';
import type { FloorRequest, FloorResult } from '../lib/floor-client';
import { BENCH_INTEGRATION_TOKEN, BENCH_PASSWORD, tempDir } from '../lib/hub-fixture';
import { percentile } from '../lib/percentiles';
import { startBenchHubProcess } from '../lib/start-hub';

export type MachineryPiece = keyof HubMachinery;

export interface MachineryOptions {
  pieces: MachineryPiece[];
  /** A, B pairs per piece and load (A with the piece, B without), run A, B, A, B… */
  pairs: number;
  agents: number;
  /** Chats an agent holds at once. */
  capacity: number;
  /** The contact-centre load: handoffs a second, how long each accepted chat is held. */
  ratePerSecond: number;
  holdMs: number;
  warmupMs: number;
  measureMs: number;
  /** Saturation: bots posting back to back, agents holding each chat briefly. */
  concurrency: number;
  saturationHoldMs: number;
  saturationWarmupMs: number;
  saturationMeasureMs: number;
}

export interface MachineryRound {
  piece: MachineryPiece;
  load: 'floor' | 'saturation';
  isOn: boolean;
  /** The one-minute load average as the round started and as it ended. */
  loadBefore: number;
  loadAfter: number;
  result: FloorResult;
  /** The hub process's CPU (every thread) and its main thread's, per handoff posted in the run, µs. */
  cpuPerHandoffUs: number;
  mainThreadPerHandoffUs: number | null;
}

const FLOOR_QUEUE = 'floor';
const DAY_MS = 24 * 3600_000;
const FLOOR_CLIENT = join(__dirname, '..', 'lib', 'floor-client.ts');

/** One round: a fresh hub with the piece on or off, the floor's streams open, then the load, timed. */
async function round(options: MachineryOptions, piece: MachineryPiece, load: MachineryRound['load'], isOn: boolean, index: number): Promise<MachineryRound> {
  const dataDir = tempDir('warmline-bench-machinery-');
  const running = await startBenchHubProcess({ dataDir, demo: false, offerTimeoutMs: null, machinery: { [piece]: isOn } });
  const child = startChild(FLOOR_CLIENT);
  try {
    const { accounts } = running.hub.context;
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    await accounts.saveQueue(FLOOR_QUEUE, 'Floor');
    await accounts.saveIntegration('floor', 'Floor bots', BENCH_INTEGRATION_TOKEN, FLOOR_QUEUE);
    const agents = Array.from({ length: options.agents }, (_, i) => ({ id: `u_floor_agent_${i}`, token: `floor-agent-token-${i}` }));
    for (const [i, agent] of agents.entries()) {
      await accounts.saveUser({ id: agent.id, email: `agent${i}@floor`, name: `Agent ${i}`, role: 'agent', capacity: options.capacity, passwordHash, queues: [FLOOR_QUEUE], skills: ['refunds'], languages: ['en'] });
      await accounts.createSession(agent.token, agent.id, new Date(), DAY_MS);
    }
    await accounts.saveUser({ id: 'u_floor_supervisor', email: 'supervisor@floor', name: 'Floor supervisor', role: 'supervisor', capacity: 0, passwordHash, queues: [FLOOR_QUEUE] });
    await accounts.createSession('floor-supervisor-token', 'u_floor_supervisor', new Date(), DAY_MS);
    const isFloor = load === 'floor';
    const request: FloorRequest = {
      url: running.url,
      integrationToken: BENCH_INTEGRATION_TOKEN,
      agents,
      supervisorTokens: ['floor-supervisor-token'],
      queue: FLOOR_QUEUE,
      mode: isFloor ? 'paced' : 'saturate',
      ratePerSecond: options.ratePerSecond,
      concurrency: options.concurrency,
      warmupMs: isFloor ? options.warmupMs : options.saturationWarmupMs,
      measureMs: isFloor ? options.measureMs : options.saturationMeasureMs,
      holdMs: isFloor ? options.holdMs : options.saturationHoldMs,
      turns: 20,
      runId: `${piece}-${load}-${index}`,
      seed: 21 + index,
    };
    const budget = request.warmupMs + request.measureMs + 120_000;
    await askChild<'ready'>(child, request, budget);
    const loadBefore = loadavg()[0] ?? 0;
    const cpuBefore = process.cpuUsage();
    const mainBefore = mainThreadCpuUs();
    const result = await askChild<FloorResult>(child, 'run', budget);
    const cpu = process.cpuUsage(cpuBefore);
    const mainAfter = mainThreadCpuUs();
    const posted = Math.max(1, result.totalHandoffs);
    return {
      piece,
      load,
      isOn,
      loadBefore,
      loadAfter: loadavg()[0] ?? 0,
      result,
      cpuPerHandoffUs: (cpu.user + cpu.system) / posted,
      mainThreadPerHandoffUs: mainBefore === null || mainAfter === null ? null : (mainAfter - mainBefore) / posted,
    };
  } finally {
    child.kill();
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const median = (values: number[]) => percentile(values, 50);

/** One line per variant: medians over its rounds, and each round's figures with its load average. */
function describe(rounds: MachineryRound[], isOn: boolean): string {
  const mine = rounds.filter((entry) => entry.isOn === isOn);
  const perRound = mine
    .map((entry) => `${fixed(entry.result.offerMs.p50)}/${fixed(entry.result.offerMs.p95)} ms, ${fixed(entry.result.perSecond, 0)}/s, ${fixed(entry.cpuPerHandoffUs, 0)} µs (load ${fixed(entry.loadBefore)}→${fixed(entry.loadAfter)})`)
    .join('; ');
  const offered = mine.reduce((sum, entry) => sum + entry.result.offerMs.count, 0);
  const lost = mine.reduce((sum, entry) => sum + entry.result.neverOffered + entry.result.failed, 0);
  const mains = mine.flatMap((entry) => (entry.mainThreadPerHandoffUs === null ? [] : [entry.mainThreadPerHandoffUs]));
  return `${isOn ? 'with   ' : 'without'}: offer p50 ${fixed(median(mine.map((entry) => entry.result.offerMs.p50)))} / p95 ${fixed(median(mine.map((entry) => entry.result.offerMs.p95)))} ms, 201 p50 ${fixed(median(mine.map((entry) => entry.result.answerMs.p50)))} ms, ${fixed(median(mine.map((entry) => entry.result.perSecond)), 0)} handoffs/s, hub CPU ${fixed(median(mine.map((entry) => entry.cpuPerHandoffUs)), 0)} µs/handoff (main thread ${fixed(median(mains), 0)}), ${offered} offers timed, ${lost} failed or never offered [rounds: ${perRound}]`;
}

/**
 * Each piece of speed machinery (HubMachinery) with and without, on a fresh hub per round: a
 * contact-centre floor (agents online, handoffs at a steady rate, each offer accepted and resolved
 * after a hold) and saturation (bots posting back to back). The hub runs in this process, the floor
 * in a child, so this process's CPU is the hub's. Rounds alternate with and without, and every
 * round notes the machine's load average: two shared cores make any single round noisy.
 */
export async function benchMachinery(options: MachineryOptions): Promise<{ reports: FigureReport[]; rounds: MachineryRound[] }> {
  await sharedEnrichmentPool().whenReady();
  // A first round pays for compiling and warming the hub's code: it is run once and thrown away.
  await round({ ...options, saturationWarmupMs: 1000, saturationMeasureMs: 3000 }, options.pieces[0] ?? 'enrichmentWorkers', 'saturation', true, -1);
  const rounds: MachineryRound[] = [];
  const reports: FigureReport[] = [];
  for (const piece of options.pieces) {
    const details: string[] = [];
    let floorWith = Number.NaN;
    let floorWithout = Number.NaN;
    for (const load of ['floor', 'saturation'] as const) {
      const mine: MachineryRound[] = [];
      for (let pair = 0; pair < options.pairs; pair += 1) {
        for (const isOn of [true, false]) {
          process.stderr.write(` ${piece}/${load}/${isOn ? 'on' : 'off'}`);
          mine.push(await round(options, piece, load, isOn, rounds.length + mine.length));
        }
      }
      rounds.push(...mine);
      const title =
        load === 'floor'
          ? `floor: ${options.agents} agents online (capacity ${options.capacity}), one supervisor watching, ${options.ratePerSecond} handoffs/s for ${(options.measureMs / 1000).toFixed(0)} s after ${(options.warmupMs / 1000).toFixed(0)} s, each chat held ${(options.holdMs / 1000).toFixed(0)} s`
          : `saturation: ${options.concurrency} bots posting back to back for ${(options.saturationMeasureMs / 1000).toFixed(0)} s after ${(options.saturationWarmupMs / 1000).toFixed(0)} s, chats held ${(options.saturationHoldMs / 1000).toFixed(0)} s`;
      details.push(title, `  ${describe(mine, true)}`, `  ${describe(mine, false)}`);
      if (load === 'floor') {
        floorWith = median(mine.filter((entry) => entry.isOn).map((entry) => entry.result.offerMs.p95));
        floorWithout = median(mine.filter((entry) => !entry.isOn).map((entry) => entry.result.offerMs.p95));
      }
    }
    reports.push({
      figure: measured(`machinery: ${piece}`, 'ms (offer p95, floor)', floorWith, floorWithout, { op: '<=', value: 1 }),
      details: [`A/B in ${options.pairs} pairs per load, run with, without, with, without…; medians over rounds; value with the piece, baseline without`, ...details],
    });
  }
  return { reports, rounds };
}
