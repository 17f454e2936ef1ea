import { autoUpdater } from 'electron-updater';

/**
 * Installed builds only: electron-updater reads the feed that electron-builder wrote into the
 * package (app-update.yml, from `publish` in electron-builder.yml), downloads a newer signed build
 * in the background and installs it when the app quits, with an OS notification saying so. A
 * failed check (offline, no feed) is logged and never stops the app.
 */
export function checkForUpdates(): void {
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    console.warn(`Warmline: update check failed (${error instanceof Error ? error.message : String(error)}).`);
  });
}
