import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CORE_EVENT_CHANNEL, ipcChannels, type CoreEvent } from '../../shared/ipc';
import { fail } from '../../shared/result';
import { dispatch, type Handlers } from '../core/handlers';
import { isTrustedSenderUrl } from './security-policy';

/**
 * IPC registration over the ipcMain it is given (tests pass a fake). Every channel of the
 * contract, and only those, is handled; every call checks its sender before dispatch validates it.
 */

export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

export const isTrustedSender = (event: SenderEvent): boolean =>
  isTrustedSenderUrl(event.senderFrame?.url, !!event.senderFrame && !event.senderFrame.parent);

export function registerIpcWith(
  ipc: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  onEvent: (listener: (event: CoreEvent) => void) => () => void,
  window: () => Pick<BrowserWindow, 'isDestroyed' | 'webContents'> | null,
): () => void {
  for (const channel of Object.keys(ipcChannels)) {
    ipc.handle(channel, (event, request: unknown) =>
      isTrustedSender(event) ? dispatch(handlers, channel, request) : fail('forbidden', 'Untrusted sender.'),
    );
  }
  return onEvent((event) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(CORE_EVENT_CHANNEL, event);
  });
}
