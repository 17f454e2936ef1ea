import Database from 'better-sqlite3';
import { runMigrations } from '../../shared/sqlite-migrations';
import { hubMigrations } from './migrations';
import { attachSecretBox, createSecretBox, loadSecretKey } from './secret-box';
import { protectStoreFiles } from './store-files';

export type HubDatabase = Database.Database;

export class HubStoreTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`The hub database is at schema version ${found}, newer than this hub knows (${known}). Upgrade the hub.`);
    this.name = 'HubStoreTooNewError';
  }
}

/**
 * How hard a commit presses the bytes to disk. In WAL mode both settings have appended the
 * transaction to the -wal file with write(2) before `run()` returns, so a crash of the hub process
 * (even SIGKILL) loses nothing acknowledged: the bytes are in the kernel's page cache and the next
 * open replays them. 'FULL' adds an fsync per commit, which only matters for a power cut or a
 * kernel crash, and costs more than the rest of a handoff (docs/decisions/008-hub-durability.md).
 */
export type HubDurability = 'NORMAL' | 'FULL';

/**
 * Opens the hub's SQLite store. WAL lets readers run beside the single writer. The default is
 * synchronous=NORMAL (see HubDurability): a 2xx still means committed, and nothing acknowledged is
 * lost unless the machine itself loses power; 'FULL' is there for a deployment that wants that too.
 */
export function openHubDatabase(file: string, durability: HubDurability = 'NORMAL', options: { nativeBinding?: string } = {}): HubDatabase {
  if (file !== ':memory:') protectStoreFiles(file);
  // nativeBinding: the better_sqlite3.node built for the running runtime (the desktop app's embedded hub runs in Electron).
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  runMigrations(db, hubMigrations, (found, known) => new HubStoreTooNewError(found, known));
  attachSecretBox(db, createSecretBox(loadSecretKey(file)));
  return db;
}
