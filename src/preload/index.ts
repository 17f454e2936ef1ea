import { contextBridge, ipcRenderer } from 'electron';
import { CORE_EVENT_CHANNEL, isChannelName, type CoreEvent, type WarmlineApi } from '../shared/ipc';

// The page gets the contract and nothing else: no ipcRenderer, no event objects, no Node.
const api: WarmlineApi = {
  invoke(channel, request) {
    if (!isChannelName(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: 'No such channel.' } });
    return ipcRenderer.invoke(channel, request);
  },
  onEvent(listener) {
    const relay = (_event: unknown, payload: CoreEvent) => listener(payload);
    ipcRenderer.on(CORE_EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(CORE_EVENT_CHANNEL, relay);
  },
};

contextBridge.exposeInMainWorld('warmline', api);
