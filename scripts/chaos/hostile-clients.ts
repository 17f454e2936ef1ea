import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_EDGE_LIMITS } from '../../src/hub/edge/connection-limits';
import { createEnrichmentPool } from '../../src/hub/intake/enrichment-pool';
import { startHub } from '../../src/hub/server';
import { describeLoginFlood, runLoginFlood, type LoginFloodFigures } from './login-flood';

export interface HostileClientFigures {
  /** Seconds until the hub closed a client trickling one header byte a second (null: still open at the end). */
  trickleClosedAfterS: number | null;
  /** Sockets one address opened at once, and how many the hub closed at once (past the per-address cap). */
  flood: { opened: number; refused: number; cap: number };
  /** A healthy request from the same address once the flood let go, while the trickle went on. */
  healthyStatus: number;
  /** An enrichment worker that hangs every job, four times: replacements started, workers alive after. */
  hungWorker: { hangs: number; replacements: number; aliveAfter: number };
  login: LoginFloodFigures;
}

const open = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket)).resume();
    socket.once('error', reject);
  });

export async function slowAndGreedy(): Promise<Pick<HostileClientFigures, 'trickleClosedAfterS' | 'flood' | 'healthyStatus'>> {
  // The defaults a real hub runs with.
  const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: mkdtempSync(join(tmpdir(), 'warmline-chaos-edge-')), demo: false });
  const trickle = await open(hub.port);
  const started = Date.now();
  let closedAt: number | null = null;
  trickle.once('close', () => (closedAt = Date.now()));
  trickle.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const drip = setInterval(() => trickle.writable && trickle.write('X'), 1000);
  const opened = DEFAULT_EDGE_LIMITS.maxConnectionsPerAddress + 44;
  const flood = await Promise.all(Array.from({ length: opened }, () => open(hub.port).catch(() => null)));
  let refused = 0;
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const socket of flood) if (!socket || socket.destroyed || socket.readableEnded) refused += 1;
  for (const socket of flood) socket?.destroy();
  // Once the flood lets go, the address may connect again: as soon as the hub has seen the sockets close.
  let healthyStatus = 0;
  for (let attempt = 0; attempt < 10 && healthyStatus !== 200; attempt += 1) {
    healthyStatus = await fetch(`${hub.url}/healthz`, { signal: AbortSignal.timeout(1000) }).then((answer) => answer.status, () => 0);
  }
  for (let waited = 0; closedAt === null && waited < 30; waited += 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  clearInterval(drip);
  trickle.destroy();
  await hub.close();
  const closed = closedAt as number | null;
  return {
    trickleClosedAfterS: closed === null ? null : Math.round((closed - started) / 100) / 10,
    flood: { opened, refused, cap: DEFAULT_EDGE_LIMITS.maxConnectionsPerAddress },
    healthyStatus,
  };
}

export async function hungWorker(): Promise<HostileClientFigures['hungWorker']> {
  let starts = 0;
  const pool = createEnrichmentPool({
    workers: 1,
    timeoutMs: 100,
    startWorker: () => {
      starts += 1;
      return new Worker("const { parentPort } = require('node:worker_threads'); parentPort.on('message', () => undefined); parentPort.postMessage({ type: 'ready' });", { eval: true });
    },
  });
  // Between a failure and its replacement the pool has no worker for a backoff: wait it out.
  const untilReady = async () => {
    for (let waited = 0; waited < 100 && !(await pool.whenReady(100)); waited += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const hangs = 4;
  for (let index = 0; index < hangs; index += 1) {
    await untilReady();
    await pool.prepare('{}');
  }
  await untilReady();
  const figures = { hangs, replacements: starts - 1, aliveAfter: pool.workers() };
  await pool.close();
  return figures;
}

/** Slow, greedy and hostile clients against the hub's defaults: each must be cut off, none must starve the rest. */
export async function runHostileClients(): Promise<HostileClientFigures> {
  return { ...(await slowAndGreedy()), hungWorker: await hungWorker(), login: await runLoginFlood() };
}

export const hostileClientsPassed = (f: HostileClientFigures): boolean =>
  f.trickleClosedAfterS !== null &&
  f.flood.refused >= f.flood.opened - f.flood.cap &&
  f.healthyStatus === 200 &&
  f.hungWorker.aliveAfter === 1 &&
  f.hungWorker.replacements >= f.hungWorker.hangs &&
  f.login.legitimateStatus === 201;

export const describeHostileClients = (f: HostileClientFigures): string[] => [
  `hostile clients (hub defaults):`,
  `  a client trickling a header byte a second: closed after ${f.trickleClosedAfterS ?? 'never (30 s+)'} s`,
  `  ${f.flood.opened} sockets from one address: ${f.flood.refused} closed at once (cap ${f.flood.cap}); then a healthy request: ${f.healthyStatus}`,
  `  an enrichment worker hanging ${f.hungWorker.hangs} jobs: ${f.hungWorker.replacements} replacements, ${f.hungWorker.aliveAfter} worker alive after`,
  `  ${describeLoginFlood(f.login)}`,
];
