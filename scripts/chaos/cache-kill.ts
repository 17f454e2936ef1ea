import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * The desktop cache under SIGKILL: reuses test/main/cache/crash.test.ts (a writer child killed at a
 * random moment; every acknowledged write must survive and integrity_check must say ok), with the
 * number of kills raised through WARMLINE_CACHE_CRASH_KILLS.
 */
export function runCacheChaos(kills: number): Promise<{ kills: number; passed: boolean; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'test/main/cache/crash.test.ts'], {
      cwd: ROOT,
      env: { ...process.env, WARMLINE_CACHE_CRASH_KILLS: String(kills) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('close', (code) => done({ kills, passed: code === 0, output }));
  });
}
