import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, session, shell, Tray } from 'electron';
import { createCore, type Core } from './core/create-core';
import { createHandlers } from './core/handlers';
import { startDemoHub } from './embedded/demo-hub';
import { registerIpc } from './ipc/register';
import { registerAppScheme, serveRenderer } from './shell/app-protocol';
import { createElectronNotifier } from './shell/electron-notifier';
import { guardEveryWebContents, hardenSession } from './shell/session-policy';
import { createOfferTray, watchOffers, type OfferTray } from './shell/tray';
import { DEMO_WALLBOARD_TOKEN } from '../hub/demo/seed';
import { createMainWindow, createWallboardWindow } from './window';

// The Electron composition root: thin glue over the plain-Node core. Flags: --demo (embedded hub
// with demo traffic), --wallboard (kiosk: the hub's wallboard page; --wallboard-token <token>), --hub <url>.
const argv = process.argv;
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
};

app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

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

guardEveryWebContents(app);

app.on('second-instance', focusWindow);

app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  serveRenderer(join(__dirname, '../renderer'));

  const dataDir = app.getPath('userData');
  let hubUrl = option('hub') ?? 'http://127.0.0.1:4700';
  if (flag('demo')) {
    const hub = await startDemoHub({ dataDir: join(dataDir, 'demo-hub'), trafficPerMinute: Number(option('traffic') ?? 2) });
    stopHub.push(hub.close);
    hubUrl = hub.url;
  }
  const nativeBinding = join(app.getAppPath(), '.electron-native/better-sqlite3/build/Release/better_sqlite3.node');
  core = createCore({
    dataDir: join(dataDir, 'cache'),
    defaultHubUrl: hubUrl,
    notifier: createElectronNotifier(focusWindow),
    nativeBinding: existsSync(nativeBinding) ? nativeBinding : undefined,
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
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  offerTray?.destroy();
  core?.close();
  for (const stop of stopHub) void stop();
});
