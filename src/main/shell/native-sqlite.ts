import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 for Electron's ABI. `npm install` builds it into .electron-native (scripts/postinstall.mjs),
 * beside the Node build that tests and browser mode load; the packaged app ships it unpacked from
 * the asar, because a native addon is loaded from a real file.
 */
export const ELECTRON_SQLITE_RELATIVE = '.electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node';

/** Where the Electron build is for an app path (`app.getAppPath()`: the project folder, or resources/app.asar). */
export function electronSqliteBinding(appPath: string): string {
  return join(appPath.replace(/app\.asar$/, 'app.asar.unpacked'), ELECTRON_SQLITE_RELATIVE);
}

export type NativeSqliteProblem =
  | { kind: 'missing'; binding: string }
  | { kind: 'mismatch'; binding: string; detail: string }
  | { kind: 'unloadable'; binding: string; detail: string };

/**
 * Loads the addon once, before any database is opened, so a missing or mismatched build is named
 * at start instead of surfacing as a window that never appears. `load` opens an in-memory database
 * with the binding (index.ts passes better-sqlite3 itself).
 */
export function checkNativeSqlite(binding: string, load: (binding: string) => void): NativeSqliteProblem | null {
  if (!existsSync(binding)) return { kind: 'missing', binding };
  try {
    load(binding);
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // Node's dlopen names both ABIs: "compiled against a different Node.js version using NODE_MODULE_VERSION …".
    return /NODE_MODULE_VERSION/.test(detail) ? { kind: 'mismatch', binding, detail } : { kind: 'unloadable', binding, detail };
  }
}
