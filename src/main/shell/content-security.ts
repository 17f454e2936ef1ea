import { isLoopbackHost } from '../../shared/hub-url';

/**
 * The Content-Security-Policy of the Electron window, one per mode, sent as a header by the app://
 * handler. The page talks to the core over IPC only, so it may fetch nothing at all; the hub's
 * socket belongs to the main process. Browser mode (src/main/browser) has its own policy, because
 * there the page carries the contract over a same-origin WebSocket.
 */
const COMMON = [
  "default-src 'none'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
];

export const ELECTRON_CSP = [...COMMON, "script-src 'self'", "style-src 'self'", "connect-src 'none'"].join('; ');

/**
 * Development only (`npm run dev`): Vite's client and React Fast Refresh add scripts and style
 * elements carrying the run's nonce; the client holds a socket to the dev server (HMR), waits for
 * a restarted server from a blob: worker that pings that socket, and asks the server (through
 * app://, 'self') to open a file in the editor. Nothing else is loosened: no 'unsafe-inline', no
 * eval, no host but the dev server.
 */
export function electronDevCsp(devServer: string, nonce: string): string {
  const { host } = new URL(devServer);
  return [
    ...COMMON,
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `connect-src 'self' ws://${host}`,
    'worker-src blob:',
  ].join('; ');
}

/**
 * The dev server electron-vite started (ELECTRON_RENDERER_URL), when it is plain http on this
 * computer; anything else is ignored, so an environment variable cannot point the app elsewhere.
 */
export function devServerOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? url.origin : null;
  } catch {
    return null;
  }
}
