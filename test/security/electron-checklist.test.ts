import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_EVENT_CHANNEL, ipcChannels, type CoreEvent } from '../../src/shared/ipc';
import type { Handlers } from '../../src/main/core/handlers';
import { openExternalThroughAllowlist } from '../../src/main/shell/external-links';
import { registerIpcWith } from '../../src/main/shell/ipc-registration';
import { guardEveryWebContents, hardenSession } from '../../src/main/shell/session-policy';
import { createMainWindowWith, guardWebContents, type BrowserWindowClass } from '../../src/main/shell/window-factory';

type BrowserWindowConstructorOptions = ConstructorParameters<BrowserWindowClass>[0];
import { createWarmlineApi } from '../../src/preload/warmline-api';

const root = resolve(__dirname, '../..');

/** Records what the guards register, and lets a test fire the events a page would cause. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void; defaultPrevented?: boolean }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    on(name: string, listener: (event: { preventDefault(): void }, url?: string) => void) {
      listeners.set(name, listener);
      return this;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
    /** True when the guard cancelled the event. */
    fire(name: string, url?: string): boolean {
      let prevented = false;
      const listener = listeners.get(name);
      if (!listener) throw new Error(`no listener for ${name}`);
      listener({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    openWindow: (url: string) => openHandler?.({ url }).action,
  };
}

function fakeWindowClass() {
  const made: { options: BrowserWindowConstructorOptions; loaded: string[]; contents: ReturnType<typeof fakeContents> }[] = [];
  class FakeWindow {
    webContents = fakeContents();
    loaded: string[] = [];
    constructor(options: BrowserWindowConstructorOptions) {
      made.push({ options, loaded: this.loaded, contents: this.webContents });
    }
    once() {
      return this;
    }
    show() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { Window: FakeWindow as unknown as BrowserWindowClass, made };
}

describe('the main window factory', () => {
  it('creates the window with context isolation, the sandbox, no Node integration and no webview tag', () => {
    const { Window, made } = fakeWindowClass();
    createMainWindowWith(Window, { preload: '/app/preload/index.js', route: '', kiosk: false });
    expect(made[0]!.options.webPreferences).toMatchObject({
      preload: '/app/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('loads the renderer from app://warmline, never file:// or http', () => {
    const { Window, made } = fakeWindowClass();
    createMainWindowWith(Window, { preload: '/p.js', route: 'wallboard', kiosk: true });
    expect(made[0]!.loaded).toEqual(['app://warmline/wallboard']);
    expect(made[0]!.options).toMatchObject({ kiosk: true, show: false });
  });

  it('blocks navigation and redirects away from the app but lets in-app routes through', () => {
    const { Window, made } = fakeWindowClass();
    createMainWindowWith(Window, { preload: '/p.js', route: '', kiosk: false });
    const contents = made[0]!.contents;
    expect(contents.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'app://warmline.evil/')).toBe(true);
    expect(contents.fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://warmline/history')).toBe(false);
  });

  it('denies every new window and every webview', () => {
    const contents = fakeContents();
    guardWebContents(contents as never);
    expect(contents.openWindow('https://help.example.com/')).toBe('deny');
    expect(contents.openWindow('app://warmline/')).toBe('deny');
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it("keeps the wallboard window on the hub's wallboard page, with no new windows or webviews either", () => {
    const contents = fakeContents();
    const isWallboardPage = (url: string) => url.startsWith('http://127.0.0.1:4700/wallboard/');
    guardWebContents(contents as never, isWallboardPage);
    expect(contents.fire('will-navigate', 'http://127.0.0.1:4700/wallboard/?token=t')).toBe(false);
    expect(contents.fire('will-navigate', 'http://127.0.0.1:4700/v1/conversations')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.openWindow('http://127.0.0.1:4700/wallboard/')).toBe('deny');
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('guards web contents created after start-up the same way', () => {
    let created: ((event: unknown, contents: unknown) => void) | null = null;
    guardEveryWebContents({ on: (_name: string, listener: (event: unknown, contents: unknown) => void) => (created = listener) } as never);
    const later = fakeContents();
    created!({}, later);
    expect(later.openWindow('https://evil.example/')).toBe('deny');
    expect(later.fire('will-navigate', 'https://evil.example/')).toBe(true);
  });
});

describe('the session', () => {
  it('denies every permission request and check by default', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
    let check: ((contents: unknown, permission: string) => boolean) | null = null;
    hardenSession({
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      const answers: boolean[] = [];
      request!(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(check!(null, permission), permission).toBe(false);
    }
  });
});

describe('external links', () => {
  it('hands only allowlisted https links to the system browser', async () => {
    const opened: string[] = [];
    const shell = { openExternal: async (url: string) => void opened.push(url) };
    const hosts = ['help.example.com'];
    expect(await openExternalThroughAllowlist(shell, 'https://help.example.com/refunds', hosts)).toEqual({ opened: true, reason: null });
    for (const url of ['http://help.example.com/', 'https://evil.example/', 'file:///C:/calc.exe', 'javascript:alert(1)', 'smb://host/share', 'https://a@help.example.com/']) {
      expect((await openExternalThroughAllowlist(shell, url, hosts)).opened, url).toBe(false);
    }
    expect(opened).toEqual(['https://help.example.com/refunds']);
  });

  it('reports a browser that fails to open instead of throwing', async () => {
    const shell = { openExternal: () => Promise.reject(new Error('no browser')) };
    expect(await openExternalThroughAllowlist(shell, 'https://help.example.com/', ['help.example.com'])).toMatchObject({ opened: false });
  });
});

describe('IPC registration', () => {
  function register() {
    const handled = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
    const calls: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_target, channel: string) => () => {
        calls.push(channel);
        return null;
      },
    });
    const sent: [string, CoreEvent][] = [];
    let emit: ((event: CoreEvent) => void) | null = null;
    registerIpcWith(
      { handle: (channel: string, listener: (event: unknown, request: unknown) => Promise<unknown>) => void handled.set(channel, listener) } as never,
      handlers,
      (listener) => {
        emit = listener;
        return () => (emit = null);
      },
      () => ({ isDestroyed: () => false, webContents: { send: (channel: string, event: CoreEvent) => sent.push([channel, event]) } }) as never,
    );
    return { handled, calls, sent, emit: (event: CoreEvent) => emit!(event) };
  }
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

  it('handles exactly the channels of the contract', () => {
    expect([...register().handled.keys()].sort()).toEqual(Object.keys(ipcChannels).sort());
  });

  it('answers the app page in the top frame and refuses any other sender without running the handler', async () => {
    const { handled, calls } = register();
    const call = handled.get('session:get')!;
    expect(await call(frame('app://warmline/'), undefined)).toEqual({ ok: true, value: null });
    for (const event of [frame('https://evil.example/'), frame('app://warmline/', { url: 'app://warmline/' }), frame('file:///x.html'), { senderFrame: null }]) {
      expect(await call(event, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls).toEqual(['session:get']);
  });

  it('validates the request of a trusted sender before the handler sees it', async () => {
    const { handled, calls } = register();
    expect(await handled.get('conversations:get')!(frame('app://warmline/'), { id: 'c1', __proto__: { admin: true }, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(calls).toEqual([]);
  });

  it('sends core events to the window on the one event channel', () => {
    const { emit, sent } = register();
    emit({ type: 'history:purged', count: 2 });
    expect(sent).toEqual([[CORE_EVENT_CHANNEL, { type: 'history:purged', count: 2 }]]);
  });
});

describe('the preload', () => {
  function fakeIpcRenderer() {
    const invoked: [string, unknown][] = [];
    const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
    return {
      invoked,
      listeners,
      invoke: (channel: string, request: unknown) => (invoked.push([channel, request]), Promise.resolve({ ok: true, value: null })),
      on(channel: string, listener: (event: unknown, payload: unknown) => void) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
        return this;
      },
      removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
        listeners.get(channel)?.delete(listener);
        return this;
      },
    };
  }

  it('exposes only invoke and onEvent, frozen', () => {
    const api = createWarmlineApi(fakeIpcRenderer() as never);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('refuses a channel outside the contract without reaching IPC', async () => {
    const ipc = fakeIpcRenderer();
    const api = createWarmlineApi(ipc as never);
    for (const channel of ['core:event', '__proto__', 'constructor', 'ELECTRON_BROWSER_REQUIRE', 'toString']) {
      expect(await api.invoke(channel as never, undefined as never)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('hands listeners the event payload only, never the IPC event with its sender, and unsubscribes', () => {
    const ipc = fakeIpcRenderer();
    const received: unknown[][] = [];
    const stop = createWarmlineApi(ipc as never).onEvent((...args) => received.push(args));
    const relay = [...ipc.listeners.get(CORE_EVENT_CHANNEL)!][0]!;
    relay({ sender: { send() {} }, ports: [] }, { type: 'history:purged', count: 1 });
    expect(received).toEqual([[{ type: 'history:purged', count: 1 }]]);
    stop();
    expect(ipc.listeners.get(CORE_EVENT_CHANNEL)!.size).toBe(0);
  });

  it('exposes one object to the page and never ipcRenderer itself', () => {
    const preload = readFileSync(resolve(root, 'src/preload/index.ts'), 'utf8');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*,\s*ipcRenderer\s*\)|sendSync|remote/);
  });
});

describe('the Electron version', () => {
  it('pins Electron 45, a supported major, exactly', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.electron).toMatch(/^45\.\d+\.\d+$/);
  });
});
