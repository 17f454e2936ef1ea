import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { freeLoopbackPort } from '../../scripts/postgres/test-cluster';

const ROOT = join(__dirname, '../..');

/**
 * A demo hub replica in a process of its own on the given PostgreSQL database, so a test can kill it
 * the way a crashed server dies (SIGKILL). Resolves once it answers /healthz; the caller kills it.
 */
export async function killableReplica(databaseUrl: string, hubArgs: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const port = await freeLoopbackPort();
  const args = ['--import', 'tsx', join(ROOT, 'src/hub/cli.ts'), '--database', databaseUrl, '--port', String(port), '--host', '127.0.0.1', '--demo', ...hubArgs];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: process.env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  try {
    await vi.waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the replica exited with ${child.exitCode}`);
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      },
      { timeout: 45_000, interval: 200 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, url };
}
