import type { WarmlineApi } from '../shared/ipc';
import { createBridgeApi, type Transport, type TransportState } from './bridge-api';

/**
 * The only place that knows how the renderer reaches the core: the Electron preload's
 * `window.warmline` when present, otherwise the browser-mode WebSocket bridge on the same origin.
 * Stores receive the api from here; tests hand them a fake instead.
 */

declare global {
  interface Window {
    warmline?: WarmlineApi;
  }
}

export type { Transport, TransportState } from './bridge-api';

export interface Connection {
  api: WarmlineApi;
  transport: Transport;
}

/** Electron IPC does not drop while the window lives, so its transport is always open. */
// One object for the life of the page: useSyncExternalStore loops on a new snapshot per call.
const OPEN: TransportState = { status: 'open', retryInSeconds: null };
const alwaysOpen: Transport = {
  get: (): TransportState => OPEN,
  subscribe: () => () => undefined,
  onReconnected: () => () => undefined,
};

export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge`;
}

export function connectToCore(): Connection {
  if (window.warmline) return { api: window.warmline, transport: alwaysOpen };
  return createBridgeApi({
    url: bridgeUrl(window.location),
    openSocket(url, handlers) {
      const socket = new WebSocket(url);
      socket.onopen = () => handlers.opened();
      socket.onclose = () => handlers.closed();
      socket.onmessage = (event) => handlers.received(event.data);
      return socket;
    },
  });
}
