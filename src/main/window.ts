import { BrowserWindow } from 'electron';
import { APP_ORIGIN, isInAppNavigation, secureWebPreferences } from './shell/security-policy';

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
    if (!isInAppNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/${options.route}`);
  return window;
}
