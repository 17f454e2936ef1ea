import { ipcMain, type BrowserWindow } from 'electron';
import type { CoreEvent } from '../../shared/ipc';
import type { Handlers } from '../core/handlers';
import { registerIpcWith } from '../shell/ipc-registration';

export { isTrustedSender } from '../shell/ipc-registration';

/** Registers the contract on the real ipcMain; the logic and its tests live in shell/ipc-registration.ts. */
export const registerIpc = (
  handlers: Handlers,
  onEvent: (listener: (event: CoreEvent) => void) => () => void,
  window: () => BrowserWindow | null,
): (() => void) => registerIpcWith(ipcMain, handlers, onEvent, window);
