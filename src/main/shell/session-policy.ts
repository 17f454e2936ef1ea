import type { App, Session } from 'electron';
import { guardWebContents, type GuardedContents } from './window-factory';
import { isPermissionGranted } from './security-policy';

/**
 * Session and app-wide guards as functions over the Electron objects they are given, so tests
 * drive them with fakes. index.ts calls both once the app is ready.
 */

export type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** Every permission request and check is denied unless security-policy grants it (it grants none). */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}

/** Any web contents created later (devtools, a future window) gets the same guards as the main one. */
export function guardEveryWebContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents: GuardedContents) => guardWebContents(contents));
}
