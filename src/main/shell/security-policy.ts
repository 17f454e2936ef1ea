import type { WebPreferences } from 'electron';

/**
 * The Electron security checklist as data and pure checks. Only type imports from electron, so
 * unit tests pin every item without an Electron binary; window.ts and ipc/ apply them.
 */

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://warmline`;

/** The hardened preferences every Warmline window uses. */
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
  navigateOnDragDrop: false,
  spellcheck: true,
  // Middle-click would otherwise try to open a link in a new window (denied anyway; this is depth).
  disableBlinkFeatures: 'Auxclick',
});

/** Only our own page, loaded from app://warmline in the top frame, may call the core. */
export function isTrustedSenderUrl(url: string | undefined, isTopFrame: boolean): boolean {
  if (!url || !isTopFrame) return false;
  try {
    // URL.origin is "null" for custom schemes, so compare scheme and host.
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** The app never navigates away from itself. */
export const isInAppNavigation = (url: string): boolean => isTrustedSenderUrl(url, true);

/** Links leave the app only as https to a host the contact centre allowed. */
export function allowedExternalUrl(url: string, allowedHosts: readonly string[]): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && allowedHosts.includes(parsed.hostname) && !parsed.username && !parsed.password
      ? parsed.toString()
      : null;
  } catch {
    return null;
  }
}

/** No permission (camera, microphone, notifications of the page, geolocation…) is granted to the page. */
export const isPermissionGranted = (_permission: string): boolean => false;
