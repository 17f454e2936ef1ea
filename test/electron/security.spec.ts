import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { launchWarmline, skipReason } from './electron-app';

test.describe('the running Electron app', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    const userData = mkdtempSync(join(tmpdir(), 'warmline-electron-'));
    app = await launchWarmline(userData, ['--demo', '--traffic', '0']);
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('the page is served from app://warmline', async () => {
    expect(new URL(page.url()).protocol).toBe('app:');
    expect(new URL(page.url()).host).toBe('warmline');
  });

  test('the renderer has no Node: no require, process or module', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      buffer: typeof (globalThis as Record<string, unknown>).Buffer,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', buffer: 'undefined' });
  });

  test('window.warmline has only invoke and onEvent, and no ipcRenderer is reachable', async () => {
    const shape = await page.evaluate(() => {
      const api = (window as unknown as { warmline: Record<string, unknown> }).warmline;
      return { keys: Object.keys(api).sort(), ipc: 'ipcRenderer' in window, electron: 'electron' in window };
    });
    expect(shape).toEqual({ keys: ['invoke', 'onEvent'], ipc: false, electron: false });
  });

  test('a channel outside the contract is refused', async () => {
    const answer = await page.evaluate(() =>
      (window as unknown as { warmline: { invoke(channel: string, request: unknown): Promise<unknown> } }).warmline.invoke('core:event', null),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  test('navigation away from the app is blocked', async () => {
    // The in-app navigation after it is the sentinel: once it lands, the first one was decided.
    await page.evaluate(() => void (window.location.href = 'https://example.com/'));
    await page.evaluate(() => void (window.location.href = 'app://warmline/history'));
    await page.waitForURL('app://warmline/history');
    expect(new URL(page.url()).host).toBe('warmline');
  });

  test('window.open opens nothing', async () => {
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('the page is served with a strict Content-Security-Policy header that lets it connect nowhere', async () => {
    // net.fetch reaches schemes registered with protocol.handle, as the window does.
    const csp = await app.evaluate(async ({ net }) => (await net.fetch('app://warmline/')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|ws:|wss:/);
  });

  test('the page cannot open a socket or fetch from any host, its own included', async () => {
    const attempts = await page.evaluate(async () => {
      const blocked = async (run: () => Promise<unknown>) => run().then(() => false, () => true);
      return {
        fetchSelf: await blocked(() => fetch(window.location.origin + '/')),
        fetchLoopback: await blocked(() => fetch('http://127.0.0.1:9/')),
        socket: await blocked(
          () =>
            new Promise((resolve, reject) => {
              try {
                const socket = new WebSocket('ws://127.0.0.1:9/');
                socket.onopen = resolve;
                socket.onerror = reject;
              } catch (error) {
                reject(error);
              }
            }),
        ),
      };
    });
    expect(attempts).toEqual({ fetchSelf: true, fetchLoopback: true, socket: true });
  });

  test('the main window runs sandboxed with context isolation', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows()[0]!;
      const contents = window.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
      return contents.getLastWebPreferences();
    });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});
