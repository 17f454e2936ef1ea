import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFromFile } from 'electron-vite';
import { createServer, type InlineConfig } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../src/shared/ipc';
import { ELECTRON_SQLITE_RELATIVE } from '../../src/main/shell/native-sqlite';
import { tempDir } from '../support/hub';
import { appFolder, buildApp, NODE_SQLITE_BUILD, ROOT, runMain, type MainRun, type StandInEvent } from './electron-stand-in/built-app';

// The built main bundle (out/main/index.js) run under Node with a stand-in `electron` module that
// follows Electron's documented behaviour (test/main/electron-stand-in): a check of our wiring that
// runs where no Electron binary can, not a replacement for `npm run test:electron`.

let root = '';
let built = '';
let apps = 0;
const runs: MainRun[] = [];
beforeAll(() => {
  root = tempDir('warmline-built-');
  built = buildApp(root);
}, 60_000);
afterEach(async () => {
  await Promise.all(runs.splice(0).map((run) => run.stop()));
});

function start(binding: 'copy' | 'missing' | 'garbage', args: string[], env: Record<string, string> = {}, prepare?: (userData: string) => void) {
  apps += 1;
  const app = appFolder(join(root, `app-${apps}`), built, binding);
  const userData = join(root, `user-data-${apps}`);
  mkdirSync(userData, { recursive: true });
  prepare?.(userData);
  const run = runMain(app, userData, args, env);
  runs.push(run);
  return { app, userData, run };
}
const named = (run: MainRun, name: string): StandInEvent[] => run.events().filter((event) => event.event === name);

// Each case starts a Node process that loads the whole bundle: generous limits for a loaded CI machine.
describe('the built Electron main process on a normal start (--demo), under a stand-in electron', { timeout: 60_000 }, () => {
  // One start for these checks; a history search from the page starts the search worker, which
  // opens the cache on its own connection.
  let started: ReturnType<typeof start>;
  beforeAll(async () => {
    started = start('copy', ['--demo', '--traffic', '0'], { WARMLINE_STAND_IN_PAGE_CALLS: JSON.stringify([['history:search', { query: 'refund' }]]) });
    runs.pop();
    await vi.waitFor(() => expect(named(started.run, 'invoked')).toEqual([expect.objectContaining({ result: { ok: true, value: [] } })]), { timeout: 45_000, interval: 100 });
  }, 60_000);
  afterAll(() => started.run.stop());

  it('opens the embedded hub, the cache and its search worker with the Electron build of better-sqlite3 and never loads the Node build', () => {
    const { app, userData, run } = started;
    const electronBuild = join(app, ELECTRON_SQLITE_RELATIVE);
    const files = named(run, 'database').map((event) => [event.file, event.isMainThread]);
    expect(files).toEqual(
      expect.arrayContaining([
        [join(userData, 'demo-hub/hub.sqlite'), true],
        [join(userData, 'cache/cache.sqlite'), true],
        [join(userData, 'cache/cache.sqlite'), false],
      ]),
    );
    for (const opened of named(run, 'database')) expect(opened, opened.file as string).toMatchObject({ nativeBinding: electronBuild });
    const addons = named(run, 'dlopen').map((event) => event.file);
    expect(addons).toContain(electronBuild);
    expect(addons).not.toContain(NODE_SQLITE_BUILD);
    expect(named(run, 'error-box')).toEqual([]);
  });

  it('registers the app scheme before ready, every IPC channel once, and a sandboxed window whose preload and page exist', () => {
    const { run } = started;
    expect(named(run, 'schemes')[0]).toMatchObject({ schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }] });
    expect(named(run, 'sandbox')).toHaveLength(1);
    expect(named(run, 'ipc').map((event) => event.channel).sort()).toEqual(Object.keys(ipcChannels).sort());
    const [window] = named(run, 'window');
    expect(window).toMatchObject({ preloadExists: true, options: { webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } } });
    const [page] = named(run, 'loaded');
    expect(page).toMatchObject({ url: 'app://warmline/', status: 200, hasRoot: true });
    expect(page!.csp).toContain("connect-src 'none'");
    expect(page!.csp).not.toMatch(/ws:|wss:|unsafe-inline|unsafe-eval/);
    expect(named(run, 'tray')[0]).toMatchObject({ imageExists: true });
  });
});

describe('the built Electron main process in other situations, under a stand-in electron', { timeout: 60_000 }, () => {
  it("in development, serves the page from Vite's dev server on app://warmline under the dev CSP, whose nonce every script carries", async () => {
    // The renderer part of `npm run dev`: the project's config, its nonce given as electron-vite's process gives it to Electron.
    process.env.WARMLINE_DEV_CSP_NONCE = 'dev-nonce-for-this-test';
    const { config } = await loadConfigFromFile({ command: 'serve', mode: 'development' }, join(ROOT, 'electron.vite.config.ts'), ROOT);
    const renderer = config.renderer as InlineConfig;
    const devServer = await createServer({ ...renderer, configFile: false, logLevel: 'silent', server: { ...renderer.server, port: 0, strictPort: false } });
    try {
      await devServer.listen();
      const origin = devServer.resolvedUrls!.local[0]!.replace(/\/$/, '');
      const { run } = start('copy', ['--demo', '--traffic', '0'], { ELECTRON_RENDERER_URL: origin, WARMLINE_DEV_CSP_NONCE: 'dev-nonce-for-this-test' });
      await expect.poll(() => named(run, 'loaded').length, { timeout: 45_000 }).toBe(1);
      const [page] = named(run, 'loaded');
      expect(page).toMatchObject({ url: 'app://warmline/', status: 200, hasRoot: true });
      expect((page!.scriptNonces as string[]).length).toBeGreaterThan(0);
      expect(page!.scriptNonces).toEqual((page!.scriptNonces as string[]).map(() => 'dev-nonce-for-this-test'));
      expect(page!.csp).toContain(`connect-src 'self' ws://${new URL(origin).host}`);
      expect(page!.csp).toContain("script-src 'self' 'nonce-dev-nonce-for-this-test'");
      expect(page!.csp).not.toMatch(/unsafe-inline|unsafe-eval|wss:|ws: |ws:;/);
    } finally {
      delete process.env.WARMLINE_DEV_CSP_NONCE;
      await devServer.close();
    }
  });

  it('says in an error dialog that the Electron build of SQLite is missing, opens no window and exits with a failure', async () => {
    const { run } = start('missing', ['--demo', '--traffic', '0']);
    expect(await run.exited).toBe(1);
    expect(named(run, 'error-box')).toEqual([expect.objectContaining({ title: 'Warmline cannot open its local database', content: expect.stringContaining('npm run rebuild:electron') })]);
    expect(named(run, 'window')).toEqual([]);
    expect(named(run, 'database').filter((event) => event.file !== ':memory:')).toEqual([]);
  });

  it('says in an error dialog that the SQLite module cannot be loaded when the file is not a usable build', async () => {
    const { run } = start('garbage', ['--demo', '--traffic', '0']);
    expect(await run.exited).toBe(1);
    expect(named(run, 'error-box')[0]).toMatchObject({ title: 'Warmline cannot open its local database', content: expect.stringContaining('could not be loaded') });
    expect(named(run, 'window')).toEqual([]);
  });

  it('says in an error dialog that the demo hub did not start, instead of showing no window', async () => {
    // A file where the demo hub's folder belongs: its database cannot be created.
    const { run } = start('copy', ['--demo', '--traffic', '0'], {}, (userData) => writeFileSync(join(userData, 'demo-hub'), 'in the way'));
    expect(await run.exited).toBe(1);
    expect(named(run, 'error-box')[0]).toMatchObject({ title: 'The demo hub did not start' });
    expect(named(run, 'window')).toEqual([]);
  });

  it('refuses a plain-http hub across the network with a dialog naming the rule', async () => {
    const { run } = start('copy', ['--hub', 'http://hub.example.com:4700']);
    expect(await run.exited).toBe(1);
    expect(named(run, 'error-box')[0]).toMatchObject({ title: 'Warmline cannot use this hub address', content: expect.stringContaining('https://') });
  });

  it('quits a second instance before it opens any database or window, leaving the first one to come forward', async () => {
    const { run } = start('copy', ['--demo', '--traffic', '0'], { WARMLINE_STAND_IN_SECOND_INSTANCE: '1' });
    expect(await run.exited).toBe(0);
    expect(named(run, 'quit')).toHaveLength(1);
    expect(named(run, 'database')).toEqual([]);
    expect(named(run, 'window')).toEqual([]);
  });
});
