import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** A free loopback port, so every restart of the hub listens where the clients reconnect. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The real hub CLI as a child process on one data dir and port: what an operator runs, killed as a machine would. */
export function hubProcess(dataDir: string, port: number, extraArgs: string[] = []) {
  let child: ChildProcess | null = null;
  const url = `http://127.0.0.1:${port}`;

  async function waitHealthy(timeoutMs = 30_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > timeoutMs) throw new Error('the hub did not come up');
      await new Promise((wait) => setTimeout(wait, 50));
    }
  }

  return {
    url,
    async start(): Promise<void> {
      child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/hub/cli.ts'), '--port', String(port), '--data', dataDir, '--demo', '--offer-timeout', '0', ...extraArgs], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitHealthy();
    },
    kill(): Promise<void> {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return Promise.resolve();
      return new Promise((done) => {
        running.once('exit', () => done());
        running.kill('SIGKILL');
      });
    },
    /** Resident memory of the hub process in bytes (Linux), or null when unknown. */
    rss(): number | null {
      if (!child?.pid) return null;
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return match ? Number(match[1]) * 1024 : null;
      } catch {
        return null;
      }
    },
  };
}

export type HubProcess = ReturnType<typeof hubProcess>;
