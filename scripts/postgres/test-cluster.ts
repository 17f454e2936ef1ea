import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's packages put the server binaries; PG_BIN overrides (another version or distribution). */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirNumbers(root);
    if (versions.length > 0) return join(root, String(Math.max(...versions)), 'bin');
  }
  throw new Error('PostgreSQL server binaries not found: install the `postgresql` package or set PG_BIN to its bin folder.');
}

function readdirNumbers(folder: string): number[] {
  return readdirSync(folder).map(Number).filter((version) => Number.isInteger(version) && existsSync(join(folder, String(version), 'bin', 'initdb')));
}

export interface PostgresCluster {
  /** Superuser URL of one database, through the Unix socket (the fastest way in). */
  url(database: string): string;
  /** The same over loopback TCP, for tools that need a host and port (a load balancer, another process). */
  tcpUrl(database: string): string;
  port: number;
  socketDir: string;
  dataDir: string;
  /** Stops the server, keeping its data: 'immediate' is a crash (no checkpoint), as in an outage test. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts a stopped server again on the same port and socket. */
  start(): Promise<void>;
  /** Stops the server and removes every file of the cluster. */
  destroy(): Promise<void>;
}

export interface TestClusterOptions {
  binDir?: string;
  maxConnections?: number;
  /**
   * false: no fsync and no full-page writes, for a cluster that only runs tests. Every commit still
   * reaches the OS before it is acknowledged (synchronous_commit stays on), so a crashed or killed
   * server loses nothing acknowledged; only a machine crash would, and the cluster dies with it.
   */
  fsync?: boolean;
}

/**
 * A private, throwaway PostgreSQL cluster for tests: initdb's own folder under the temp dir,
 * listening only on a Unix socket in that folder and on loopback. initdb and postgres refuse to
 * run as root, so as root (CI) they run as the `postgres` user the Debian package creates.
 * fsync stays on unless asked: the hub's commits cost here what they cost in production.
 */
export async function startTestCluster(options: TestClusterOptions = {}): Promise<PostgresCluster> {
  const bin = options.binDir ?? postgresBinDir();
  const root = await mkdtemp(join(tmpdir(), 'warmline-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  const log = join(root, 'server.log');
  await mkdir(socketDir);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    await chown(root, uid, gid);
    await chown(socketDir, uid, gid);
  }
  const as = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);

  try {
    // --no-sync only skips initdb's own flush of files that are thrown away with the cluster.
    await as('initdb', ['-D', dataDir, '--locale=C', '--encoding=UTF8', '--username=postgres', '--auth=trust', '--no-sync']);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${describe(error)}`);
  }

  let port = 0;
  const start = async () => {
    const settings = [
      '-c listen_addresses=127.0.0.1',
      `-p ${port}`,
      `-k ${socketDir}`,
      `-c max_connections=${options.maxConnections ?? 300}`,
      '-c shared_buffers=64MB',
      // Each test database is cloned page by page through the WAL: room for a run's worth between checkpoints.
      '-c max_wal_size=4GB',
      '-c checkpoint_timeout=30min',
      ...(options.fsync === false ? ['-c fsync=off', '-c full_page_writes=off'] : []),
    ].join(' ');
    await as('pg_ctl', ['-D', dataDir, '-l', log, '-w', '-t', '60', '-o', settings, 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await as('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  };

  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    port = await freeLoopbackPort();
    try {
      await start();
      lastError = undefined;
      break;
    } catch (error) {
      // Another process may have taken the port between the probe and the start: try another.
      lastError = error;
    }
  }
  if (lastError) {
    await rm(root, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${describe(lastError)}`);
  }

  const url = (database: string) => `postgresql://postgres@${encodeURIComponent(socketDir)}:${port}/${database}`;
  return {
    url,
    tcpUrl: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    port,
    socketDir,
    dataDir,
    stop,
    start,
    async destroy() {
      // Immediate: its data is about to be deleted, so the shutdown checkpoint would only write what nobody reads.
      if (existsSync(join(dataDir, 'postmaster.pid'))) await stop('immediate');
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The same server and user, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('Running as root needs the `postgres` user (the Debian `postgresql` package creates it): initdb refuses root.');
  }
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No loopback port.'))));
    });
  });
}

function describe(error: unknown): string {
  const failed = error as { stderr?: string; stdout?: string; message?: string };
  return (failed.stderr || failed.stdout || failed.message || String(error)).trim();
}

/**
 * Clusters left behind by a run that was killed: folders under the temp dir with no server running,
 * older than an hour (a younger one may be another run's, still in initdb).
 */
export async function removeStaleClusters(): Promise<number> {
  let removed = 0;
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith('warmline-pg-')) continue;
    const folder = join(tmpdir(), name);
    if (existsSync(join(folder, 'data', 'postmaster.pid'))) continue;
    if (Date.now() - (await stat(folder)).mtimeMs < 60 * 60 * 1000) continue;
    await rm(folder, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

async function main(): Promise<void> {
  const cluster = await startTestCluster();
  console.log(`PostgreSQL test cluster on port ${cluster.port} (socket ${cluster.socketDir})`);
  console.log(`  ${cluster.url('postgres')}`);
  console.log(`  ${cluster.tcpUrl('postgres')}`);
  console.log('Ctrl-C stops it and removes its files.');
  const stop = () => {
    void cluster.destroy().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
