import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { databaseUrl, postgresBinDir, startTestCluster } from '../../scripts/postgres/test-cluster';
import { sharedEnrichmentPool } from '../../src/hub/intake/enrichment-pool';
import { SECRET_KEY_ENV } from '../../src/hub/store/secret-box';
import { askChild, startChild } from '../lib/child';
import { measured, type FigureReport } from '../lib/figure';
import { BENCH_INTEGRATION_TOKEN, BENCH_QUEUE, startBenchHub } from '../lib/hub-fixture';
import type { LoadRequest, LoadResult } from '../lib/load-client';
import { percentile } from '../lib/percentiles';
import { countRowsPerHandoff, fsyncRates, rawInserts, type RowsPerHandoff } from '../lib/pg-baseline';
import { countRoundTrips, describeRoundTrips } from '../lib/pg-round-trips';
import { createPoster } from '../lib/http-post';
import { handoffEnvelope } from '../lib/envelopes';
import { createRandom } from '../lib/prng';
import { createSentences } from '../lib/sentences';
import { benchHandoffNotification, type NotificationOptions } from './handoff-notification';

export interface PostgresBenchOptions {
  rounds: number;
  measureMs: number;
  warmupMs: number;
  concurrency: number;
  /** pg_test_fsync's seconds per test (it runs about fifteen). */
  fsyncSeconds: number;
  notification: Omit<NotificationOptions, 'databaseUrl' | 'name'>;
  /** Handoffs posted one at a time with every query counted (where the time goes). */
  countedHandoffs: number;
}

/**
 * Where a PostgreSQL hub's time goes: `handoffs` posted one at a time (after ten uncounted) to a
 * fresh hub in this process, every query of its pg clients counted by statement, and the server's
 * commits and WAL syncs read from pg_stat_database and pg_stat_wal around them.
 */
async function countedRun(cluster: { url(database: string): string }, database: string, handoffs: number): Promise<string[]> {
  const hub = await startBenchHub({ databaseUrl: cluster.url(database) });
  const poster = createPoster(hub.url, BENCH_INTEGRATION_TOKEN);
  const random = createRandom(3);
  const sentences = createSentences(random);
  const post = (id: string) => poster.post('/v1/handoffs', JSON.stringify(handoffEnvelope(random, sentences, id, 20, BENCH_QUEUE)));
  try {
    for (let i = 0; i < 10; i += 1) await post(`counted-warm-${i}`);
    const counting = await countRoundTrips(cluster.url('postgres'), database);
    const started = performance.now();
    for (let i = 0; i < handoffs; i += 1) await post(`counted-${i}`);
    const seconds = (performance.now() - started) / 1000;
    const [head = '', ...statements] = describeRoundTrips(await counting.stop(), handoffs, 8);
    return [`one at a time, ${(handoffs / seconds).toFixed(1)} handoffs/s; ${head}`, ...statements];
  } finally {
    poster.close();
    await hub.close();
  }
}

const LOAD_CLIENT = join(__dirname, '..', 'lib', 'load-client.ts');

/**
 * The hub on PostgreSQL (`--database`, a private cluster on this machine, fsync on): ingest over
 * loopback HTTP from the same child load client and envelopes as the SQLite figure, alternating
 * round by round with a raw `pg` client in this process committing the same rows per handoff
 * (counted in the hub's own database after its round), each round on a fresh database. Beside
 * them, pg_test_fsync's one-write commit rate on the cluster's disk, and the handoff → offer
 * notification path with the hub on the same cluster.
 */
export async function benchPostgres(options: PostgresBenchOptions): Promise<FigureReport[]> {
  // A PostgreSQL hub takes its secret key from the environment (every replica the same one).
  process.env[SECRET_KEY_ENV] ??= randomBytes(32).toString('base64');
  const binDir = postgresBinDir();
  const cluster = await startTestCluster({ binDir });
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  let databases = 0;
  const freshDatabase = async (prefix: string) => {
    databases += 1;
    const name = `${prefix}_${databases}`;
    await admin.query(`CREATE DATABASE ${name}`);
    return databaseUrl(cluster.url('postgres'), name);
  };
  const child = startChild(LOAD_CLIENT);
  try {
    await sharedEnrichmentPool().whenReady();
    const hubRates: number[] = [];
    const hubResults: LoadResult[] = [];
    const rawRates: number[] = [];
    let rows: RowsPerHandoff = { messages: 20, events: 1, audience: 1 };
    for (let round = 0; round < options.rounds; round += 1) {
      const url = await freshDatabase('bench_hub');
      const hub = await startBenchHub({ databaseUrl: url });
      try {
        const request: LoadRequest = {
          url: hub.url,
          path: '/v1/handoffs',
          token: BENCH_INTEGRATION_TOKEN,
          queue: BENCH_QUEUE,
          turns: 20,
          concurrency: options.concurrency,
          warmupMs: options.warmupMs,
          measureMs: options.measureMs,
          maxRequests: 1_000_000,
          runId: `pg-${round}`,
          seed: 9,
        };
        const result = await askChild<LoadResult>(child, request, options.warmupMs + options.measureMs + 60_000);
        hubResults.push(result);
        hubRates.push(result.ok / result.seconds);
      } finally {
        await hub.close();
      }
      rows = await countRowsPerHandoff(url);
      const raw = await rawInserts(await freshDatabase('bench_raw'), rows, { concurrency: options.concurrency, warmupMs: options.warmupMs, measureMs: options.measureMs, runId: `raw-${round}` });
      rawRates.push(raw.handoffs / raw.seconds);
    }
    databases += 1;
    await admin.query(`CREATE DATABASE bench_counted_${databases}`);
    const counted = await countedRun(cluster, `bench_counted_${databases}`, options.countedHandoffs);
    const fsync = await fsyncRates(binDir, dirname(cluster.dataDir), options.fsyncSeconds);
    const notification = await benchHandoffNotification({ ...options.notification, databaseUrl: await freshDatabase('bench_notify'), name: 'handoff → notification (PostgreSQL)' });

    const hubMedian = percentile(hubRates, 50);
    const rawMedian = percentile(rawRates, 50);
    const failed = hubResults.reduce((sum, result) => sum + result.failed, 0);
    const p99 = percentile(hubResults.map((result) => result.latencyMs.p99), 50);
    const rate = (value: number | null) => (value === null ? 'not found in its output' : `${value.toFixed(0)} ops/s`);
    const ingest: FigureReport = {
      figure: measured('hub ingest (PostgreSQL)', 'handoffs/s', hubMedian, rawMedian, { op: '>=', value: 0.5 }, failed === 0),
      details: [
        `${options.rounds} rounds of ${(options.measureMs / 1000).toFixed(1)} s after ${(options.warmupMs / 1000).toFixed(1)} s warm-up, ${options.concurrency} connections each; a private cluster (fsync on, Unix socket), a fresh database per round`,
        `hub --database, no agent online: ${hubRates.map((value) => value.toFixed(0)).join(' / ')} handoffs/s per round (median ${hubMedian.toFixed(0)}), request p99 ${p99.toFixed(1)} ms${failed === 0 ? '' : `, ${failed} failed: ${hubResults.map((result) => JSON.stringify(result.statuses)).join(' ')}`}`,
        `raw pg client in this process, one transaction per handoff of 1 conversation + ${rows.messages} message + ${rows.events} event + ${rows.audience} audience rows (as the hub wrote): ${rawRates.map((value) => value.toFixed(0)).join(' / ')} handoffs/s (median ${rawMedian.toFixed(0)}) (baseline)`,
        `pg_test_fsync -s ${options.fsyncSeconds} on the cluster's disk, one 8 kB write: open_datasync ${rate(fsync.openDatasync)}, fdatasync ${rate(fsync.fdatasync)} (one session's commit ceiling; ${fsync.seconds.toFixed(0)} s)`,
        ...counted,
      ],
    };
    return [ingest, notification];
  } finally {
    child.kill();
    await admin.end();
    await cluster.destroy();
  }
}
