import { BrowserWindow, shell, type WebPreferences } from 'electron';
import { APP_ORIGIN } from './shell/app-protocol';

/** The hardened preferences every Warmline window uses; exported so a test can pin them. */
export const secureWebPreferences = (preload: string): WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: true,
});

export interface MainWindowOptions {
  preload: string;
  route: string;
  kiosk: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Warmline',
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    backgroundColor: '#f4f6f9',
    webPreferences: secureWebPreferences(options.preload),
  });
  const contents = window.webContents;
  // The app never navigates away from itself or opens windows; links leave through the allowlist.
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/${options.route}`);
  return window;
}

/** Opens a link in the system browser only for https URLs on hosts the contact centre allows. */
export function openExternalAllowed(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || !allowedHosts.includes(parsed.hostname)) return false;
  void shell.openExternal(parsed.toString());
  return true;
}
