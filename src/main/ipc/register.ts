import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CORE_EVENT_CHANNEL, ipcChannels, type CoreEvent } from '../../shared/ipc';
import { fail } from '../../shared/result';
import { dispatch, type Handlers } from '../core/handlers';
import { APP_ORIGIN } from '../shell/app-protocol';

/** Only our own page, loaded from app://warmline in the top frame, may call the core. */
export const isTrustedSender = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean => {
  const frame = event.senderFrame;
  if (!frame || frame.parent) return false;
  try {
    // URL.origin is "null" for custom schemes, so compare scheme and host.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
};

export function registerIpc(handlers: Handlers, onEvent: (listener: (event: CoreEvent) => void) => () => void, window: () => BrowserWindow | null) {
  for (const channel of Object.keys(ipcChannels)) {
    ipcMain.handle(channel, (event, request: unknown) =>
      isTrustedSender(event) ? dispatch(handlers, channel, request) : fail('forbidden', 'Untrusted sender.'),
    );
  }
  return onEvent((event) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(CORE_EVENT_CHANNEL, event);
  });
}
