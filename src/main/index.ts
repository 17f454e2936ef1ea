import { join } from 'node:path';
import Database from 'better-sqlite3';
import { app, BrowserWindow, dialog, session, shell, Tray } from 'electron';
import { createCore, type Core } from './core/create-core';
import { createHandlers } from './core/handlers';
import { startDemoHub } from './embedded/demo-hub';
import { registerIpc } from './ipc/register';
import { APP_ID } from './shell/app-identity';
import { registerAppScheme, serveRenderer, type RendererSource } from './shell/app-protocol';
import { devServerOrigin } from './shell/content-security';
import { createElectronNotifier } from './shell/electron-notifier';
import { checkNativeSqlite, electronSqliteBinding } from './shell/native-sqlite';
import { guardEveryWebContents, hardenSession } from './shell/session-policy';
import { demoHubFailure, nativeSqliteFailure, StartupError, startupFailureOf } from './shell/startup-failure';
import { createOfferTray, watchOffers, type OfferTray } from './shell/tray';
import { checkForUpdates } from './shell/updates';
import { DEMO_WALLBOARD_TOKEN } from '../hub/demo/seed';
import { HUB_URL_RULE, isAllowedHubUrl } from '../shared/hub-url';
import { createMainWindow, createWallboardWindow } from './window';

// The Electron composition root: thin glue over the plain-Node core. Flags: --demo (embedded hub
// with demo traffic), --wallboard (kiosk: the hub's wallboard page; --wallboard-token <token>), --hub <url>.
const argv = process.argv;
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
};
// Before the first sign-in the sign-in screen asks for the hub; this is only what it falls back to.
const FALLBACK_HUB_URL = 'http://127.0.0.1:4700';

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
// Held here: a Tray nobody references is collected and vanishes from the menu bar.
let offerTray: OfferTray | null = null;
const stopHub: (() => Promise<void>)[] = [];

const focusWindow = () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
};

app.enableSandbox();
registerAppScheme();
// Windows attributes toasts to the Start-menu shortcut carrying this ID: the installer's; run from
// the checkout, Electron's documented stand-in is electron.exe's own path (pinned to Start).
const appUserModelId = app.isPackaged ? APP_ID : process.execPath;
if (process.platform === 'win32') app.setAppUserModelId(appUserModelId);

if (app.requestSingleInstanceLock()) {
  guardEveryWebContents(app);
  app.on('second-instance', focusWindow);
  app.whenReady().then(start).catch(failStart);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    offerTray?.destroy();
    core?.close();
    for (const stop of stopHub) void stop();
  });
} else {
  // Another Warmline already has the window and the cache: it comes forward on 'second-instance'.
  app.quit();
}

function rendererSource(): RendererSource {
  // electron-vite dev sets both; an installed app never takes its page from elsewhere.
  const devServer = app.isPackaged ? null : devServerOrigin(process.env.ELECTRON_RENDERER_URL);
  const nonce = process.env.WARMLINE_DEV_CSP_NONCE;
  return devServer && nonce ? { kind: 'dev-server', origin: devServer, nonce } : { kind: 'built', dir: join(__dirname, '../renderer') };
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveRenderer(rendererSource());

  // Every database of this process opens with the Electron build of better-sqlite3: the Node build
  // beside it has another ABI. Checked once here, so a bad build is a dialog, not a missing window.
  const nativeBinding = electronSqliteBinding(app.getAppPath());
  const problem = checkNativeSqlite(nativeBinding, (binding) => new Database(':memory:', { nativeBinding: binding }).close());
  if (problem) throw new StartupError(nativeSqliteFailure(problem, app.isPackaged));

  const hubOption = option('hub');
  if (hubOption !== undefined && !isAllowedHubUrl(hubOption)) {
    throw new StartupError({ title: 'Warmline cannot use this hub address', message: `${hubOption}\n\n${HUB_URL_RULE}` });
  }
  const dataDir = app.getPath('userData');
  let hubUrl = hubOption ?? FALLBACK_HUB_URL;
  if (flag('demo')) {
    const demoDir = join(dataDir, 'demo-hub');
    const hub = await startDemoHub({ dataDir: demoDir, trafficPerMinute: Number(option('traffic') ?? 2), nativeBinding }).catch((error: unknown) => {
      throw new StartupError(demoHubFailure(error, demoDir));
    });
    stopHub.push(hub.close);
    hubUrl = hub.url;
  }
  core = createCore({
    dataDir: join(dataDir, 'cache'),
    defaultHubUrl: hubUrl,
    notifier: createElectronNotifier(focusWindow, process.platform, appUserModelId),
    nativeBinding,
    // links:open: https links to these hosts only (--link-hosts help.example.com,shop.example.com).
    allowedLinkHosts: (option('link-hosts') ?? '').split(',').map((host) => host.trim()).filter(Boolean),
    openExternal: (url) => shell.openExternal(url),
  });
  registerIpc(createHandlers(core), core.onEvent, () => mainWindow);
  core.start();
  if (flag('demo') && !core.session().user) await core.signIn({ email: 'agent@demo', password: 'demo' }).catch(() => undefined);

  if (flag('wallboard')) {
    // Without a token the page asks a wallboard account to sign in once, then keeps that session.
    const token = option('wallboard-token') ?? (flag('demo') ? DEMO_WALLBOARD_TOKEN : undefined);
    const page = new URL('/wallboard/', hubUrl);
    if (token) page.searchParams.set('token', token);
    mainWindow = createWallboardWindow(page.toString());
  } else {
    mainWindow = createMainWindow({ preload: join(__dirname, '../preload/index.js'), route: '', kiosk: false });
    const agentCore = core;
    offerTray = createOfferTray({ app, createTray: () => new Tray(join(app.getAppPath(), 'resources/tray.png')), onClick: focusWindow });
    watchOffers({ list: () => agentCore.list(), userId: () => agentCore.session().user?.id ?? null, onEvent: (listener) => agentCore.onEvent(listener) }, offerTray);
  }
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  if (app.isPackaged && !flag('demo')) checkForUpdates();
}

/** Whatever stopped the start is said in a dialog (and on stderr), then the app leaves with a failure code. */
async function failStart(error: unknown): Promise<void> {
  const failure = startupFailureOf(error);
  console.error(`Warmline: ${failure.title}. ${failure.message}`);
  dialog.showErrorBox(failure.title, failure.message);
  core?.close();
  await Promise.allSettled(stopHub.map((stop) => stop()));
  app.exit(1);
}
