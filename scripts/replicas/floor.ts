/**
 * A floor on one machine: a private PostgreSQL cluster (or the one --database names), N hub
 * replicas on it and HAProxy in front, all on loopback. Used by the replica test and for trying
 * replicas out; Ctrl-C stops everything it started.
 *
 *   npx tsx scripts/replicas/floor.ts [--replicas 3] [--port 4700] [--database postgres://…] [--demo]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SECRET_KEY_ENV } from '../../src/hub/store/secret-box';
import { freePort } from '../chaos/hub-process';
import { databaseUrl, startTestCluster, type PostgresCluster } from '../postgres/test-cluster';
import { renderHaproxyConfig } from './haproxy-config';

const ROOT = resolve(__dirname, '../..');
const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';

export interface Replica {
  name: string;
  port: number;
  /** The replica itself, bypassing the load balancer. */
  url: string;
  start(): Promise<void>;
  /** SIGKILL: the machine dying, as far as its clients and PostgreSQL can tell. */
  kill(): Promise<void>;
  isRunning(): boolean;
}

export interface Floor {
  /** The load balancer: what bots and desktops are given. */
  url: string;
  databaseUrl: string;
  /** The private cluster, when the floor started one (so a test can stop and crash it). */
  postgres: PostgresCluster | null;
  replicas: Replica[];
  dir: string;
  stop(): Promise<void>;
}

export interface FloorOptions {
  replicas: number;
  /** Load balancer port (default: a free one). */
  port?: number;
  /** An existing PostgreSQL database; without it a private cluster is started with a `warmline` database. */
  databaseUrl?: string;
  /** Extra arguments for every replica's `npm run hub`. */
  hubArgs?: string[];
  /** How long a replica may take to answer /healthz 200 after it starts (default 60 s). */
  startTimeoutMs?: number;
}

/** Polls `check` until true; `gone` names a reason to stop waiting at once (the process exited). */
async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>, gone: () => string | null): Promise<void> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    const reason = gone();
    if (reason) throw new Error(reason);
    if (Date.now() - started > timeoutMs) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

const isHealthy = async (url: string) => (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).status === 200;

function stopChild(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}

function hubReplica(name: string, port: number, options: { dir: string; databaseUrl: string; secretKey: string; hubArgs: string[]; startTimeoutMs: number }): Replica {
  let child: ChildProcess | null = null;
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    port,
    url,
    async start() {
      const logFile = join(options.dir, `${name}.log`);
      const started = Date.now();
      // A replica started while PostgreSQL is down exits; like a service manager
      // (systemd Restart=on-failure, RestartSec=1) the floor starts it again until the deadline.
      for (;;) {
        const log = openSync(logFile, 'a');
        const args = ['--import', 'tsx', join(ROOT, 'src/hub/cli.ts'), '--database', options.databaseUrl, '--port', String(port), '--host', '127.0.0.1'];
        // Behind the balancer every connection comes from its address: the per-address cap is the balancer's job.
        const spawned = spawn(process.execPath, [...args, '--max-connections-per-address', '100000', ...options.hubArgs], {
          cwd: ROOT,
          env: { ...process.env, [SECRET_KEY_ENV]: options.secretKey },
          stdio: ['ignore', log, log],
        });
        child = spawned;
        const left = options.startTimeoutMs - (Date.now() - started);
        try {
          await waitFor(`${name} did not answer /healthz 200 (see ${logFile})`, left, () => isHealthy(url), () =>
            spawned.exitCode === null ? null : `${name} exited with ${spawned.exitCode} (see ${logFile})`,
          );
          return;
        } catch (error) {
          if (spawned.exitCode === null || Date.now() - started > options.startTimeoutMs - 1000) throw error;
          await new Promise((wait) => setTimeout(wait, 1000));
        }
      }
    },
    async kill() {
      const running = child;
      child = null;
      await stopChild(running, 'SIGKILL');
    },
    isRunning: () => child !== null && child.exitCode === null,
  };
}

async function createDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.tcpUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(cluster.tcpUrl('postgres'), name);
}

/** Starts the floor: PostgreSQL, then the first replica (it migrates and seeds), the others, then HAProxy. */
export async function startFloor(options: FloorOptions): Promise<Floor> {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-floor-'));
  const postgres = options.databaseUrl ? null : await startTestCluster();
  const children: ChildProcess[] = [];
  const replicas: Replica[] = [];
  const stop = async () => {
    await Promise.all(replicas.map((replica) => replica.kill()));
    await Promise.all(children.map((child) => stopChild(child, 'SIGTERM')));
    await postgres?.destroy();
    // WARMLINE_KEEP_FLOOR=1 keeps the replicas' and HAProxy's logs for a post-mortem.
    if (!process.env.WARMLINE_KEEP_FLOOR) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = options.databaseUrl ?? (await createDatabase(postgres!, 'warmline'));
    const secretKey = process.env[SECRET_KEY_ENV] ?? randomBytes(32).toString('base64');
    const shared = { dir, databaseUrl: url, secretKey, hubArgs: options.hubArgs ?? [], startTimeoutMs: options.startTimeoutMs ?? 60_000 };
    for (let i = 1; i <= options.replicas; i += 1) replicas.push(hubReplica(`hub${i}`, await freePort(), shared));
    await replicas[0]!.start();
    await Promise.all(replicas.slice(1).map((replica) => replica.start()));

    const port = options.port ?? (await freePort());
    const config = join(dir, 'haproxy.cfg');
    writeFileSync(config, renderHaproxyConfig({ listen: { host: '127.0.0.1', port }, replicas: replicas.map((replica) => ({ host: '127.0.0.1', port: replica.port })) }));
    const log = openSync(join(dir, 'haproxy.log'), 'a');
    // -db: stay in the foreground, so this process owns it and stops it.
    const haproxy = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', log, log] });
    children.push(haproxy);
    const lbUrl = `http://127.0.0.1:${port}`;
    await waitFor(`HAProxy did not pass /healthz through (see ${join(dir, 'haproxy.log')})`, 20_000, () => isHealthy(lbUrl), () =>
      haproxy.exitCode === null ? null : `HAProxy exited with ${haproxy.exitCode} (see ${join(dir, 'haproxy.log')})`,
    );
    return { url: lbUrl, databaseUrl: url, postgres, replicas, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      replicas: { type: 'string', default: '3' },
      port: { type: 'string', default: '4700' },
      database: { type: 'string' },
      demo: { type: 'boolean', default: false },
    },
  });
  const replicas = Number(values.replicas);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16) throw new Error(`--replicas must be 1–16 (got ${values.replicas})`);
  const floor = await startFloor({ replicas, port: Number(values.port), databaseUrl: values.database, hubArgs: values.demo ? ['--demo'] : [] });
  console.log(`Warmline floor: ${floor.url} (HAProxy) → ${floor.replicas.map((replica) => replica.url).join(', ')}`);
  console.log(`PostgreSQL: ${floor.databaseUrl}${floor.postgres ? ' (private cluster, removed on exit)' : ''}; logs in ${floor.dir}`);
  console.log('Ctrl-C stops everything.');
  const stop = () => void floor.stop().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
