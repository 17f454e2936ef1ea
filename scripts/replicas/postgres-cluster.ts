import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../chaos/hub-process';

const run = promisify(execFile);

/** Where Debian puts PostgreSQL's server binaries: the newest major version installed, or WARMLINE_PG_BIN. */
export function postgresBinDir(): string | null {
  const configured = process.env.WARMLINE_PG_BIN;
  if (configured) return existsSync(join(configured, 'initdb')) ? configured : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((version) => join(root, version, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
  return found ?? null;
}

/** initdb and postgres refuse to run as root: as root, they run as the `postgres` system user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function serverUserIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth: loopback only, throwaway data). */
  url: string;
  port: number;
  dir: string;
  start(): Promise<void>;
  /** `immediate` is a crash as far as clients can tell: every backend dies at once, recovery runs on start. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server and removes its files. */
  destroy(): Promise<void>;
}

/**
 * A private, throwaway PostgreSQL cluster on loopback: its own data directory, port and socket
 * directory, so a test can stop and crash it without touching anyone else's server.
 */
export async function createPostgresCluster(options: { dir?: string; port?: number } = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql, or set WARMLINE_PG_BIN)');
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'warmline-pg-'));
  mkdirSync(dir, { recursive: true });
  const ids = serverUserIds();
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const data = join(dir, 'data');
  const port = options.port ?? (await freePort());
  const exec = async (tool: string, args: string[]) => {
    const [command, fullArgs] = asServerUser(join(bin, tool), args);
    await run(command, fullArgs, { cwd: dir });
  };

  if (!existsSync(join(data, 'PG_VERSION'))) {
    await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  }
  // Appended last, so these win over initdb's defaults. fsync stays off: a test crashes the server
  // process, never the machine, so the OS cache keeps every committed page.
  const settings = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${dir}'`,
    'max_connections = 300',
    'fsync = off',
    'full_page_writes = off',
    'log_min_messages = warning',
  ];
  writeFileSync(join(dir, 'warmline.conf'), `${settings.join('\n')}\n`);
  if (ids) chownSync(join(dir, 'warmline.conf'), ids.uid, ids.gid);
  execFileSync('sh', ['-c', `grep -q "include '${dir}/warmline.conf'" "${data}/postgresql.conf" || echo "include '${dir}/warmline.conf'" >> "${data}/postgresql.conf"`]);

  const cluster: PostgresCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async start() {
      await exec('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log')]);
    },
    async stop(mode = 'fast') {
      await exec('pg_ctl', ['stop', '-D', data, '-w', '-t', '60', '-m', mode]);
    },
    async destroy() {
      await cluster.stop('immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/** A fresh database on the cluster, so tests sharing one server never see each other's rows. */
export async function createDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database names here are lower-case identifiers (got ${name})`);
  const bin = postgresBinDir()!;
  const [command, args] = asServerUser(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres', name]);
  await run(command, args);
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}
