import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ELECTRON_SQLITE_RELATIVE } from '../../../src/main/shell/native-sqlite';

export const ROOT = resolve(__dirname, '../../..');
/** better-sqlite3 as npm built it, for Node: the build the Electron main process must never load. */
export const NODE_SQLITE_BUILD = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');

/**
 * Builds main, preload and renderer with the project's electron-vite config into `<root>/out`, with
 * the project's node_modules linked beside it: Node resolves the bundle's packages from its real path.
 */
export function buildApp(root: string): string {
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
  const outDir = join(root, 'out');
  execFileSync(process.execPath, [cli, 'build', '--outDir', outDir], { cwd: ROOT, stdio: 'pipe' });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'junction');
  return outDir;
}

/**
 * An app folder laid out as `electron .` sees the project: package.json, the build in out/, the
 * resources, node_modules, and .electron-native holding `binding` (by default a copy of the Node
 * build standing in for the Electron one, which Node cannot load).
 */
export function appFolder(dir: string, builtOut: string, binding: 'copy' | 'missing' | 'garbage' = 'copy'): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'warmline', main: './out/main/index.js' }));
  symlinkSync(builtOut, join(dir, 'out'), 'junction');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'junction');
  symlinkSync(join(ROOT, 'resources'), join(dir, 'resources'), 'junction');
  const target = join(dir, ELECTRON_SQLITE_RELATIVE);
  mkdirSync(dirname(target), { recursive: true });
  if (binding === 'copy') copyFileSync(NODE_SQLITE_BUILD, target);
  if (binding === 'garbage') writeFileSync(target, 'not a shared object');
  return dir;
}

export interface StandInEvent {
  event: string;
  isMainThread?: boolean;
  [key: string]: unknown;
}

export interface MainRun {
  events(): StandInEvent[];
  exited: Promise<number | null>;
  stderr(): string;
  stop(): Promise<void>;
}

/** Runs `<app>/out/main/index.js` under Node with the stand-in electron module, as `electron <app> ...args`. */
export function runMain(app: string, userData: string, args: string[], env: Record<string, string> = {}): MainRun {
  const reportFile = join(userData, '..', `stand-in-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(reportFile, '');
  const hooks = pathToFileURL(join(__dirname, 'hooks.mjs')).href;
  const threadHooks = join(__dirname, 'thread-hooks.cjs');
  const child: ChildProcess = spawn(process.execPath, ['--require', threadHooks, '--import', hooks, join(app, 'out/main/index.js'), ...args], {
    cwd: app,
    env: {
      ...process.env,
      ELECTRON_RENDERER_URL: '',
      WARMLINE_DEV_CSP_NONCE: '',
      ...env,
      WARMLINE_STAND_IN_REPORT: reportFile,
      WARMLINE_STAND_IN_APP_PATH: app,
      WARMLINE_STAND_IN_USER_DATA: userData,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    events: () =>
      readFileSync(reportFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StandInEvent),
    exited,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

