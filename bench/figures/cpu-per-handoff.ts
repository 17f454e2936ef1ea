import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, hubProcess } from '../../scripts/chaos/hub-process';
import { startFloor } from '../../scripts/replicas/floor';
import { DEMO_INTEGRATION_TOKEN, DEMO_QUEUE } from '../../src/hub/demo/seed';
import { handoffEnvelope } from '../lib/envelopes';
import { measured, type FigureReport } from '../lib/figure';
import { tempDir } from '../lib/hub-fixture';
import { createPoster } from '../lib/http-post';
import { treeCpuUs } from '../lib/process-cpu';
import { createRandom } from '../lib/prng';
import { createSentences } from '../lib/sentences';

export interface CpuPerHandoffOptions {
  /** Handoffs per second, below what any of the set-ups saturates at on a loaded machine. */
  ratePerSecond: number;
  warmupMs: number;
  measureMs: number;
  replicas: number[];
}

interface Measured {
  label: string;
  cpuPerHandoffUs: number;
  handoffs: number;
  failed: number;
}

/**
 * CPU per handoff summed over every process that serves it, at a fixed paced load from this
 * process: the SQLite hub (one process) against PostgreSQL floors of 1, 2, 3 replicas behind
 * HAProxy (replicas, HAProxy, the postmaster and all its backends). Each set-up runs the real CLI
 * with the demo seed; the bench process itself is left out of the sum.
 */
export async function benchCpuPerHandoff(options: CpuPerHandoffOptions): Promise<FigureReport> {
  const random = createRandom(5);
  const sentences = createSentences(random);
  const body = (id: string) => JSON.stringify(handoffEnvelope(random, sentences, id, 20, DEMO_QUEUE));

  const paced = async (label: string, url: string, cpuNow: () => number): Promise<Measured> => {
    const poster = createPoster(url, DEMO_INTEGRATION_TOKEN, 4);
    const interval = 1000 / options.ratePerSecond;
    let handoffs = 0;
    let failed = 0;
    const drive = async (ms: number, count: boolean) => {
      const started = performance.now();
      const inFlight: Promise<void>[] = [];
      for (let i = 0; performance.now() - started < ms; i += 1) {
        const due = started + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((done) => setTimeout(done, wait));
        inFlight.push(
          poster.post('/v1/handoffs', body(`${label}-${count ? 'm' : 'w'}-${i}`)).then(
            (answer) => {
              if (!count) return;
              if (answer.status === 201) handoffs += 1;
              else failed += 1;
            },
            () => {
              if (count) failed += 1;
            },
          ),
        );
      }
      await Promise.all(inFlight);
    };
    try {
      await drive(options.warmupMs, false);
      const before = cpuNow();
      await drive(options.measureMs, true);
      return { label, cpuPerHandoffUs: (cpuNow() - before) / Math.max(1, handoffs), handoffs, failed };
    } finally {
      poster.close();
    }
  };
  const ownChildren = () => treeCpuUs([process.pid], process.pid);

  const results: Measured[] = [];
  const dir = tempDir('warmline-bench-cpu-');
  const sqlite = hubProcess(dir, await freePort());
  try {
    await sqlite.start();
    results.push(await paced('SQLite, 1 process', sqlite.url, ownChildren));
  } finally {
    await sqlite.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const replicas of options.replicas) {
    const floor = await startFloor({ replicas, hubArgs: ['--demo', '--offer-timeout', '0'] });
    try {
      const postmaster = Number(readFileSync(join(floor.postgres?.dataDir ?? '', 'postmaster.pid'), 'utf8').split('\n')[0]);
      results.push(await paced(`PostgreSQL, ${replicas} replica${replicas === 1 ? '' : 's'} + HAProxy`, floor.url, () => ownChildren() + treeCpuUs([postmaster])));
    } finally {
      await floor.stop();
    }
  }

  const sqliteCost = results[0]?.cpuPerHandoffUs ?? Number.NaN;
  const worst = Math.max(...results.slice(1).map((result) => result.cpuPerHandoffUs));
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  return {
    figure: measured('CPU per handoff (PostgreSQL floor)', 'µs', worst, sqliteCost, { op: '<=', value: 3 }, failed === 0),
    details: [
      `${options.ratePerSecond} handoffs/s paced from the bench process for ${(options.measureMs / 1000).toFixed(0)} s after ${(options.warmupMs / 1000).toFixed(0)} s warm-up, demo seed, nobody online (every handoff queued); CPU of every hub, HAProxy and PostgreSQL process from /proc`,
      ...results.map((result) => `${result.label}: ${result.cpuPerHandoffUs.toFixed(0)} µs per handoff over ${result.handoffs} handoffs${result.failed === 0 ? '' : `, ${result.failed} failed`}${result === results[0] ? ' (baseline)' : ''}`),
    ],
  };
}
