/**
 * Hostile input against every edge of Warmline, with figures: inputs tried, accepted, refused (4xx),
 * server errors (5xx / internal), crashes, a changed Object.prototype, heap growth.
 *
 *   npx tsx scripts/fuzz/run.ts [--quick] [--seed <n>]
 *
 * Then each attack class of issue 20 (browser bridge, customer chat, rate limits, login, DNS
 * rebinding, deep JSON, wallboard, store at rest, bot ownership), counted as held or broken.
 *
 * Full run: 20,000 HTTP requests, 2,000 WebSocket sessions, 10,000 IPC calls, plus every line of
 * ../shared/data/badinput (skipped, and said so, when absent). --quick is the npm test size.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeAttacks, runAttacks, type AttackFigures } from './attacks';
import { badInputLines, BADINPUT_DIR } from './hostile';
import { isPrototypePolluted, prototypeSnapshot, settledHeap, type Figures } from './figures';
import { fuzzHttp } from './http-fuzz';
import { fuzzIpc } from './ipc-fuzz';
import { fuzzWebSocket } from './ws-fuzz';

export interface FuzzReport {
  targets: Figures[];
  routes: number;
  badInputLines: number;
  prototypeChanged: boolean;
  heapGrowthBytes: number;
  attacks: AttackFigures;
}

export const FUZZ_SIZES = {
  quick: { http: 400, ws: 40, ipc: 300 },
  full: { http: 20_000, ws: 2_000, ipc: 10_000 },
};

export async function runFuzz(options: { quick: boolean; seed: number; log?: (line: string) => void }): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const sizes = options.quick ? FUZZ_SIZES.quick : FUZZ_SIZES.full;
  const prototypes = prototypeSnapshot();
  // A warm-up pass first, so module loading and statement caches are not counted as growth.
  await fuzzHttp({ runs: 20, seed: options.seed + 1 });
  const heapBefore = settledHeap();
  const http = await fuzzHttp({ runs: sizes.http, seed: options.seed, everyPlacement: !options.quick });
  log(line(http.figures));
  const ws = await fuzzWebSocket({ runs: sizes.ws, seed: options.seed });
  log(line(ws));
  const ipc = await fuzzIpc({ runs: sizes.ipc, seed: options.seed });
  log(line(ipc));
  const attacks = await runAttacks();
  for (const text of describeAttacks(attacks)) log(text);
  return {
    targets: [http.figures, ws, ipc],
    routes: http.routes.length,
    badInputLines: badInputLines().length,
    prototypeChanged: isPrototypePolluted(prototypes),
    heapGrowthBytes: settledHeap() - heapBefore,
    attacks,
  };
}

const line = (f: Figures) =>
  `${f.target.padEnd(14)} tried ${String(f.tried).padStart(6)}  ok ${String(f.ok).padStart(6)}  4xx ${String(f.rejected).padStart(6)}  5xx ${String(f.serverErrors).padStart(3)}  crashes ${f.crashes}`;

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(__filename);
if (invokedDirectly) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, seed: { type: 'string' } } });
  const seed = values.seed ? Number(values.seed) : Date.now() % 1_000_000;
  console.log(`Warmline fuzz (${values.quick ? 'quick' : 'full'}, seed ${seed}; replay with --seed ${seed})`);
  const lines = badInputLines().length;
  console.log(lines > 0 ? `bad input: ${lines} lines from ${BADINPUT_DIR}` : `bad input: SKIPPED, ${BADINPUT_DIR} is absent`);
  // Logs of refused input are expected by the thousand; only the figures matter here.
  const quiet = console.error;
  console.error = () => undefined;
  runFuzz({ quick: values.quick, seed, log: (text) => console.log(text) }).then(
    (report) => {
      console.error = quiet;
      const failures = report.targets.reduce((sum, f) => sum + f.serverErrors + f.crashes, 0);
      console.log(`routes fuzzed: ${report.routes}; prototype changed: ${report.prototypeChanged ? 'YES' : 'no'}; heap growth after GC: ${(report.heapGrowthBytes / 1024 / 1024).toFixed(1)} MB`);
      for (const f of report.targets) for (const example of f.examples) console.log(`  ${f.target}: ${example}`);
      process.exit(failures > 0 || report.prototypeChanged || report.attacks.broken.length > 0 ? 1 : 0);
    },
    (error: unknown) => {
      console.error = quiet;
      console.error(error);
      process.exit(1);
    },
  );
}
