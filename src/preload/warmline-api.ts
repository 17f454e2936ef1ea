import type { IpcRenderer } from 'electron';
import { CORE_EVENT_CHANNEL, isChannelName, type CoreEvent, type WarmlineApi } from '../shared/ipc';

/**
 * What the page gets: the contract and nothing else (no ipcRenderer, no event objects, no Node).
 * Built over the ipcRenderer it is given, so tests check it with a fake.
 */
export function createWarmlineApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): WarmlineApi {
  return Object.freeze({
    invoke(channel, request) {
      if (!isChannelName(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: 'No such channel.' } });
      return ipc.invoke(channel, request);
    },
    onEvent(listener) {
      // The IPC event object (with its sender) never reaches the page: only the payload.
      const relay = (_event: unknown, payload: CoreEvent) => listener(payload);
      ipc.on(CORE_EVENT_CHANNEL, relay);
      return () => void ipc.removeListener(CORE_EVENT_CHANNEL, relay);
    },
  } satisfies WarmlineApi);
}
