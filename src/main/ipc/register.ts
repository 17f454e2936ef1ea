import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CORE_EVENT_CHANNEL, ipcChannels, type CoreEvent } from '../../shared/ipc';
import { fail } from '../../shared/result';
import { dispatch, type Handlers } from '../core/handlers';
import { isTrustedSenderUrl } from '../shell/security-policy';

export const isTrustedSender = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean =>
  isTrustedSenderUrl(event.senderFrame?.url, !!event.senderFrame && !event.senderFrame.parent);

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
