import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication } from '@playwright/test';

/** The project folder: launched as `electron <folder>`, so app.getAppPath() holds .electron-native and resources/. */
export const APP_FOLDER = resolve(__dirname, '../..');

/**
 * Where the Electron binary is, without require('electron') (which tries to download it when
 * it is missing). null when it is not installed, as on machines without network at install time.
 */
function electronBinary(): string | null {
  const pathFile = join(dirname(require.resolve('electron/package.json')), 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dirname(pathFile), 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const binary = electronBinary();
export const skipReason = !binary
  ? 'Electron binary not installed (node_modules/electron/path.txt missing): the Electron runtime tests are skipped. See README "Desktop app: runtime tests".'
  : !existsSync(join(APP_FOLDER, 'out/main/index.js'))
    ? 'app not built (out/main/index.js missing): run `npx electron-vite build` first'
    : null;
// Said once, plainly, in the run's output: a skipped suite must not look like a passed one.
if (skipReason) console.warn(`SKIPPED test/electron: ${skipReason}`);

/** Starts Warmline as `npm start` does (`electron .`), with its own user data folder. */
export function launchWarmline(userData: string, args: string[]): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary!,
    args: [APP_FOLDER, `--user-data-dir=${userData}`, ...args],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } as Record<string, string>,
  });
}
