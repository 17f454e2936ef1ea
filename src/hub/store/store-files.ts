import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The hub's folder 0700 and its SQLite files 0600, before SQLite opens them: SQLite creates the
 * -wal and -shm files with the main file's mode, so the main file is made first, owner-only.
 * Files of an existing store are narrowed too, whatever umask made them.
 */
export function protectStoreFiles(file: string): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
