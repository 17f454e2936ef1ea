import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCacheIngest } from './figures/cache-ingest';
import { benchCpuPerHandoff } from './figures/cpu-per-handoff';
import { benchFanout } from './figures/fan-out';
import { benchHandoffNotification } from './figures/handoff-notification';
import { benchHubIngest } from './figures/hub-ingest';
import { benchMachinery, type MachineryPiece } from './figures/machinery';
import { DEFAULT_MACHINERY } from '../src/hub/machinery';
import { benchMemory } from './figures/memory';
import { benchMetrics } from './figures/metrics';
import { benchPostgres } from './figures/postgres';
import { benchReplicaFailover } from './figures/replica-failover';
import { benchReplicaOffer } from './figures/replica-offer';
import { benchSearch } from './figures/search';
import { benchStartUp } from './figures/start-up';
import { benchTranscript } from './figures/transcript';
import { benchWallboardConsole } from './figures/wallboard-console';
import { buildBigCache, type BigCache } from './lib/big-cache';
import type { FigureReport } from './lib/figure';
import { tempDir } from './lib/hub-fixture';
import { describeMachine } from './lib/machine';
import { parseOptions } from './lib/options';
import { markdownTable, textTable } from './lib/table';

/**
 * `npm run bench`: each figure beside a raw baseline measured in the same run on the same data.
 * Writes bench-results/latest.json and latest.md (bench-results/dev/ for `--quick` and `--only`).
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const machine = describeMachine();
  const wanted = (name: string) => options.only === null || options.only.includes(name);
  const reports: FigureReport[] = [];
  let machineryRounds: unknown[] = [];
  const started = performance.now();
  const step = async (name: string, run: () => FigureReport | Promise<FigureReport>) => {
    if (!wanted(name)) return;
    const t0 = performance.now();
    process.stderr.write(`bench: ${name}…`);
    const report = await run();
    process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    reports.push(report);
  };
  const quick = options.quick;
  /**
   * Writes the kernel's dirty pages out and says how long that took. The frame-time figures run on
   * a settled machine: first, before any figure has filled a disk cache or a heap, and after a sync.
   */
  const settle = () => {
    const t0 = performance.now();
    execFileSync('sync');
    process.stderr.write(`bench: settled (sync ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  };

  // The browser figures first: frame times suffer most from whatever earlier figures leave behind
  // (the console's frame p95 was 18.6 ms as the eleventh step of a full run, 12-13 ms alone). Run
  // right after the big cache's build, search and deletion it measured the same as alone (12 ms),
  // so no single step is known to blame; first is simply the settled place.
  if (wanted('wallboard') || wanted('transcript')) settle();
  await step('wallboard', () =>
    benchWallboardConsole({
      agents: options.boardAgents,
      backlog: options.boardBacklog,
      eventsPerSecond: 50,
      measureMs: options.boardMeasureMs,
      probeIntervalMs: 250,
    }),
  );
  await step('transcript', () => benchTranscript({ turns: quick ? 1000 : 5000, wheelDeltaPx: 400, maxWheelSteps: quick ? 150 : 2000, pageUps: quick ? 20 : 100 }));

  await step('hub-ingest', () =>
    benchHubIngest({ rounds: 2, measureMs: quick ? 1500 : 5000, warmupMs: quick ? 500 : 1000, maxRequests: 1_000_000, concurrency: 8 }),
  );
  await step('notification', () => benchHandoffNotification({ handoffs: options.notifications, warmup: 30, budgetMs: quick ? 20_000 : 120_000 }));
  if (wanted('postgres')) {
    const t0 = performance.now();
    process.stderr.write('bench: postgres…');
    reports.push(
      ...(await benchPostgres({
        rounds: 2,
        measureMs: quick ? 1500 : 5000,
        warmupMs: quick ? 500 : 1000,
        concurrency: 8,
        fsyncSeconds: quick ? 1 : 2,
        countedHandoffs: quick ? 30 : 100,
        notification: { handoffs: quick ? 100 : options.notifications, warmup: 30, budgetMs: quick ? 20_000 : 120_000 },
      })),
    );
    process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  await step('cpu-per-handoff', () =>
    benchCpuPerHandoff({ ratePerSecond: 4, warmupMs: quick ? 2000 : 5000, measureMs: quick ? 6000 : 20_000, replicas: [1, 2, 3] }),
  );
  await step('replica-offer', () => benchReplicaOffer({ handoffs: quick ? 30 : options.replicaHandoffs, offerTimeoutMs: 5000 }));
  await step('failover', () => benchReplicaFailover({ rounds: quick ? 1 : options.failoverRounds, offerTimeoutS: 5 }));
  await step('fan-out', () =>
    benchFanout({
      clients: options.clients,
      eventsPerSecond: options.eventsPerSecond,
      warmupMs: quick ? 1000 : 2000,
      measureMs: quick ? 3000 : 10_000,
      drainMs: quick ? 1000 : 2000,
      childProcesses: 2,
    }),
  );
  await step('cache-ingest', () => benchCacheIngest({ messages: options.ingestMessages, rounds: 2 }));
  await step('metrics', () => benchMetrics({ conversations: quick ? 5000 : 100_000, repeats: quick ? 3 : 2 }));

  let cache: BigCache | null = null;
  const cacheDir = tempDir('warmline-bench-big-');
  try {
    if (wanted('search') || wanted('start-up')) {
      process.stderr.write(`bench: building a cache of ${options.cacheMessages.toLocaleString('en-GB')} messages…`);
      cache = buildBigCache(cacheDir, options.cacheMessages);
      process.stderr.write(` ${cache.buildSeconds.toFixed(1)} s\n`);
    }
    const big = cache;
    if (big) {
      await step('search', () => benchSearch(big, { repeats: quick ? 50 : 200, budgetMs: quick ? 20_000 : 120_000 }));
      await step('start-up', () => benchStartUp(big, { repeats: quick ? 5 : 10 }));
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  if (wanted('machinery')) {
    const pieces = (options.machineryPieces ?? Object.keys(DEFAULT_MACHINERY)) as MachineryPiece[];
    const t0 = performance.now();
    process.stderr.write('bench: machinery…');
    const machinery = await benchMachinery({
      pieces,
      pairs: options.machineryPairs,
      agents: 300,
      capacity: 3,
      ratePerSecond: 20,
      holdMs: quick ? 10_000 : 20_000,
      warmupMs: quick ? 5000 : 15_000,
      measureMs: quick ? 10_000 : 30_000,
      concurrency: 8,
      saturationHoldMs: 1000,
      saturationWarmupMs: quick ? 2000 : 5000,
      saturationMeasureMs: quick ? 5000 : 15_000,
    });
    process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    reports.push(...machinery.reports);
    machineryRounds = machinery.rounds;
  }
  await step('memory', () =>
    benchMemory({
      agents: quick ? 10 : 50,
      backlog: options.memoryBacklog,
      realEventsPerSecond: 50,
      replaySeconds: options.replaySeconds,
      cyclesPerBatch: 10,
    }),
  );

  const order = ['hub ingest', 'handoff → notification', 'hub ingest (PostgreSQL)', 'handoff → notification (PostgreSQL)', 'CPU per handoff (PostgreSQL floor)', 'handoff → offer, agent on another replica', 'failover: agents back, offers moved on', 'fan-out', 'cache ingest', 'handoff quality', 'search', 'start-up', 'wallboard / console', 'transcript', 'memory'];
  const rank = (name: string) => (name.startsWith('machinery') ? order.length : order.indexOf(name));
  reports.sort((a, b) => rank(a.figure.name) - rank(b.figure.name));
  console.log(textTable(reports, machine));
  console.log(`\n(${quick ? 'quick' : 'full'} run, ${((performance.now() - started) / 1000).toFixed(0)} s)`);

  // Only a full run of every figure replaces the results the README quotes; quick and --only runs
  // (development) go to bench-results/dev, which git ignores.
  const full = !quick && options.only === null;
  const out = join(__dirname, '..', 'bench-results', ...(full ? [] : ['dev']));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify({ machine, figures: reports.map((report) => report.figure) }, null, 2)}\n`);
  writeFileSync(join(out, 'latest.md'), markdownTable(reports, machine));
  if (machineryRounds.length > 0) writeFileSync(join(out, 'machinery-rounds.json'), `${JSON.stringify({ machine, rounds: machineryRounds }, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
