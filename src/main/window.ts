import { BrowserWindow } from 'electron';
import { HUB_URL_RULE, isAllowedHubUrl } from '../shared/hub-url';
import { secureWebPreferences } from './shell/security-policy';
import { createMainWindowWith, guardWebContents, type MainWindowOptions } from './shell/window-factory';

export type { MainWindowOptions } from './shell/window-factory';

/** The hardened main window; the checklist lives in shell/window-factory.ts and is tested there. */
export const createMainWindow = (options: MainWindowOptions): BrowserWindow => createMainWindowWith(BrowserWindow, options);

/**
 * `--wallboard`: the hub's own wallboard page, full screen in kiosk mode, no menu. It is the same
 * page any plain browser opens, so it gets what a browser tab gets and no more: the hardened
 * preferences WITHOUT the preload (no window.api, no IPC), and no way off the hub's /wallboard/.
 */
export function createWallboardWindow(pageUrl: string): BrowserWindow {
  // The wallboard token rides in the page URL: across the network it needs TLS.
  if (!isAllowedHubUrl(pageUrl)) throw new Error(`The wallboard cannot open ${new URL(pageUrl).origin}. ${HUB_URL_RULE}`);
  const page = new URL(pageUrl);
  const window = new BrowserWindow({
    show: false,
    title: 'Warmline wallboard',
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#0b0d10',
    webPreferences: { ...secureWebPreferences(''), preload: undefined },
  });
  window.setMenu(null);
  const isWallboardPage = (url: string) => {
    try {
      const target = new URL(url);
      return target.origin === page.origin && target.pathname === '/wallboard/';
    } catch {
      return false;
    }
  };
  const contents = window.webContents;
  guardWebContents(contents, isWallboardPage);
  window.once('ready-to-show', () => window.show());
  // The hub may still be starting (or restarting): the page itself reconnects once it has loaded.
  contents.on('did-fail-load', (_event, code, _description, _url, isMainFrame) => {
    // -3 is an aborted load (a navigation we refused), not a hub that is down.
    if (isMainFrame && code !== -3) setTimeout(() => !window.isDestroyed() && void window.loadURL(page.toString()), 2000);
  });
  void window.loadURL(page.toString());
  return window;
}
