// A small stand-in for the `electron` module: only what src/main uses, each behaviour as Electron
// documents it (the link above each), so that running the built main bundle under Node checks our
// wiring. It records what the app did as JSON lines in WARMLINE_STAND_IN_REPORT. It is not Electron:
// nothing here renders, sandboxes or speaks IPC.
import { EventEmitter } from 'node:events';
import { appendFileSync, existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';

const report = (event) => appendFileSync(process.env.WARMLINE_STAND_IN_REPORT, `${JSON.stringify(event)}\n`);

let isReady = false;
/** Electron refuses these before `ready` (each call below cites where). */
const requireReady = (what) => {
  if (!isReady) throw new Error(`stand-in electron: ${what} used before the app is ready`);
};

class App extends EventEmitter {
  // https://www.electronjs.org/docs/latest/api/app#appispackaged — false when run from the project.
  isPackaged = false;
  // https://www.electronjs.org/docs/latest/api/app#appgetapppath — "The current application directory" (the folder with package.json).
  getAppPath = () => process.env.WARMLINE_STAND_IN_APP_PATH;
  // https://www.electronjs.org/docs/latest/api/app#appgetpathname — 'userData' is the per-user data folder.
  getPath(name) {
    if (name !== 'userData') throw new Error(`stand-in electron: getPath(${name}) is not imitated`);
    return process.env.WARMLINE_STAND_IN_USER_DATA;
  }
  // https://www.electronjs.org/docs/latest/api/app#appenablesandbox — "can only be called before app is ready".
  enableSandbox() {
    if (isReady) throw new Error('app.enableSandbox() after ready');
    report({ event: 'sandbox' });
  }
  // https://www.electronjs.org/docs/latest/api/app#appsetappusermodelidid-windows
  setAppUserModelId = (id) => report({ event: 'app-user-model-id', id });
  // https://www.electronjs.org/docs/latest/api/app#apprequestsingleinstancelockadditionaldata — false: another instance holds it, quit at once.
  requestSingleInstanceLock = () => process.env.WARMLINE_STAND_IN_SECOND_INSTANCE !== '1';
  // https://www.electronjs.org/docs/latest/api/app#appwhenready — fulfilled once Electron is initialised, after the main script ran.
  whenReady = () => readyPromise;
  // https://www.electronjs.org/docs/latest/api/app#appquit — windows close, then the process ends.
  quit() {
    report({ event: 'quit' });
    setImmediate(() => process.exit(0));
  }
  // https://www.electronjs.org/docs/latest/api/app#appexitexitcode — exits immediately with exitCode.
  exit(code = 0) {
    report({ event: 'exit', code });
    process.exit(code);
  }
  setBadgeCount = () => false;
}
export const app = new App();
let readyPromise = null;
/** Called when the main script first requires electron: ready comes after that script has run, as in Electron. */
export function armReady() {
  readyPromise ??= new Promise((resolve) =>
    setImmediate(() => {
      isReady = true;
      app.emit('ready');
      resolve();
    }),
  );
}

let schemesRegistered = false;
const handlers = new Map();
export const protocol = {
  // https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes — before ready, once only.
  registerSchemesAsPrivileged(schemes) {
    if (isReady) throw new Error('protocol.registerSchemesAsPrivileged() after ready');
    if (schemesRegistered) throw new Error('protocol.registerSchemesAsPrivileged() called twice');
    schemesRegistered = true;
    report({ event: 'schemes', schemes });
  },
  // https://www.electronjs.org/docs/latest/api/protocol — "All methods unless specified can only be used after the ready event".
  handle(scheme, handler) {
    requireReady('protocol.handle');
    handlers.set(scheme, handler);
  },
};

// https://www.electronjs.org/docs/latest/api/ipc-main#ipcmainhandlechannel-listener — a second handler
// for a channel throws "Attempted to register a second handler" (lib/browser/ipc-main-impl.ts).
const ipcHandlers = new Map();
export const ipcMain = {
  handle(channel, listener) {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, listener);
    report({ event: 'ipc', channel });
  },
};

class WebContents extends EventEmitter {
  setWindowOpenHandler = () => undefined;
  send = () => undefined;
  isDestroyed = () => false;
}

export class BrowserWindow extends EventEmitter {
  // https://www.electronjs.org/docs/latest/api/browser-window — "You cannot require or use this module until the ready event".
  constructor(options = {}) {
    super();
    requireReady('new BrowserWindow');
    const preload = options.webPreferences?.preload;
    // https://www.electronjs.org/docs/latest/api/structures/web-preferences — preload: "the absolute file path to the script".
    if (preload !== undefined && !isAbsolute(preload)) throw new Error(`webPreferences.preload must be absolute: ${preload}`);
    this.webContents = new WebContents();
    report({ event: 'window', options, preloadExists: preload === undefined ? null : existsSync(preload) });
  }
  // https://www.electronjs.org/docs/latest/api/browser-window#winloadurlurl-options — the page is fetched through the scheme's registered handler.
  async loadURL(url) {
    const handler = handlers.get(new URL(url).protocol.slice(0, -1));
    const response = handler ? await handler(new Request(url)) : null;
    const body = response ? await response.text() : '';
    const scriptNonces = [...body.matchAll(/<script\b[^>]*>/g)].map(([tag]) => /nonce="([^"]+)"/.exec(tag)?.[1] ?? null);
    report({ event: 'loaded', url, status: response?.status ?? null, csp: response?.headers.get('content-security-policy') ?? null, hasRoot: body.includes('id="root"'), scriptNonces });
    // What the page would ask through window.warmline: [channel, request] pairs, from the top frame of the loaded URL
    // (https://www.electronjs.org/docs/latest/api/structures/ipc-main-invoke-event — senderFrame).
    for (const [channel, request] of JSON.parse(process.env.WARMLINE_STAND_IN_PAGE_CALLS ?? '[]')) {
      const result = await ipcHandlers.get(channel)?.({ senderFrame: { url, parent: null } }, request);
      report({ event: 'invoked', channel, result });
    }
  }
  setMenu = () => undefined;
  isMinimized = () => false;
  isDestroyed = () => false;
  restore = () => undefined;
  show = () => undefined;
  focus = () => undefined;
}

// https://www.electronjs.org/docs/latest/api/session#sessiondefaultsession — Electron throws when it is read before ready.
export const session = {
  get defaultSession() {
    requireReady('session.defaultSession');
    return { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined };
  },
};

// https://www.electronjs.org/docs/latest/api/tray — a main-process module created after ready; a missing image is an empty icon, not an error.
export class Tray {
  constructor(image) {
    requireReady('new Tray');
    report({ event: 'tray', image, imageExists: existsSync(image) });
  }
  setToolTip = () => undefined;
  setTitle = () => undefined;
  on = () => this;
  destroy = () => undefined;
}

// https://www.electronjs.org/docs/latest/api/dialog#dialogshowerrorboxtitle-content — a modal error message.
export const dialog = { showErrorBox: (title, content) => report({ event: 'error-box', title, content }) };

// https://www.electronjs.org/docs/latest/api/notification#notificationissupported — false here, so the app uses no native toast.
export class Notification extends EventEmitter {
  static isSupported = () => false;
}

export const shell = { openExternal: async () => undefined };
