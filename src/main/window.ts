import { BrowserWindow } from 'electron';
import { createMainWindowWith, type MainWindowOptions } from './shell/window-factory';

export type { MainWindowOptions } from './shell/window-factory';

/** The hardened main window; the checklist lives in shell/window-factory.ts and is tested there. */
export const createMainWindow = (options: MainWindowOptions): BrowserWindow => createMainWindowWith(BrowserWindow, options);
