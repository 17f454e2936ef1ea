import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { APP_ORIGIN, isInAppNavigation, secureWebPreferences } from './security-policy';

/**
 * The main window as a factory over the BrowserWindow class it is given, so the checklist (hardened
 * preferences, navigation and new windows denied, app:// origin) is tested without an Electron
 * binary. Only type imports from electron here; window.ts passes the real class.
 */

export interface MainWindowOptions {
  preload: string;
  route: string;
  kiosk: boolean;
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** The part of WebContents the guards use. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export const mainWindowOptions = (options: MainWindowOptions): BrowserWindowConstructorOptions => ({
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

/**
 * The app never navigates away from itself, opens windows or attaches webviews; links leave through
 * the allowlist. `isAllowed` names where a window may go: the app's own pages, or for the wallboard
 * window the hub's wallboard page.
 */
export function guardWebContents(contents: GuardedContents, isAllowed: (url: string) => boolean = isInAppNavigation): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowed(url)) event.preventDefault();
  });
  // A redirect can leave the app as surely as a navigation.
  contents.on('will-redirect', (event, url) => {
    if (!isAllowed(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The URL a route loads from: always our own scheme, never file:// or http. */
export const appUrl = (route: string): string => `${APP_ORIGIN}/${route.replace(/^\/+/, '')}`;

// The parameter is named BrowserWindow so the Electronegativity scanner recognises the constructor call.
export function createMainWindowWith(BrowserWindow: BrowserWindowClass, options: MainWindowOptions): InstanceType<BrowserWindowClass> {
  const window = new BrowserWindow(mainWindowOptions(options));
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl(options.route));
  return window;
}
