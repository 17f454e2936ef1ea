import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertNotTooNew, latestVersion, runMigrations, schemaVersion } from './migrate';
import { migrations } from './migrations';

export { CacheTooNewError } from './migrate';

export interface OpenCacheOptions {
  /** Path of the better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Opens an up-to-date cache for reading only (e.g. a search worker); never migrates. */
  readonly?: boolean;
  /**
   * 'NORMAL' (default) survives the process being killed; 'FULL' also survives power loss, at the
   * cost of an fsync per commit. See `openCache`.
   */
  synchronous?: 'NORMAL' | 'FULL';
}

/**
 * Where the writing connection keeps SQLite's temporary files, above all the sub-journal of a
 * savepoint (a repository transaction nested in `inTransaction`): on disk it spills to a temp file
 * past 64 KiB and every later write of the transaction rewrites pages there; in memory it is a copy
 * truncated when the savepoint ends (docs/decisions/004-cache-statement-journal-in-memory.md).
 * Temporary B-trees (a sort with no index) are then held in RAM, so the read-only search
 * connections keep the default.
 */
const STATEMENT_JOURNAL_STORE = 'MEMORY';

const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

const isOnDisk = (file: string): boolean => file !== ':memory:' && file !== '';

/** The cache holds customers' words: only the user may read it, whatever the umask says. */
function createPrivateFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR });
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE));
  chmodSync(file, PRIVATE_FILE);
}

/** SQLite creates -wal and -shm on first use; it copies the database's mode, but we do not rely on it. */
export function tightenSidecarFiles(file: string): void {
  if (!isOnDisk(file)) return;
  for (const sidecar of [`${file}-wal`, `${file}-shm`]) {
    if (existsSync(sidecar)) chmodSync(sidecar, PRIVATE_FILE);
  }
}

/**
 * Opens (creating when needed) the local cache and brings its schema up to date.
 *
 * Durability: journal_mode=WAL with synchronous=NORMAL. In WAL mode a commit has appended the
 * transaction to the -wal file with write(2) before `run()` returns; NORMAL only skips the fsync,
 * leaving the bytes in the kernel's page cache. Killing the process, even with SIGKILL, does not
 * lose the page cache, so every write the core acknowledged to the UI is there on the next open
 * (test/main/cache/crash.test.ts proves it). Only a power cut or kernel crash can roll back the
 * last commits, and never into a corrupt file; 'FULL' closes that gap with an fsync per commit.
 */
export function openCache(file: string, options: OpenCacheOptions = {}): Database.Database {
  const readonly = options.readonly ?? false;
  if (isOnDisk(file) && !readonly) createPrivateFile(file);
  const db = new Database(file, {
    readonly,
    fileMustExist: readonly,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (readonly) {
      assertReadable(db);
    } else {
      // journal_mode cannot change inside a transaction, so it is set before any migration runs.
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      db.pragma(`temp_store = ${STATEMENT_JOURNAL_STORE}`);
      runMigrations(db, migrations);
      tightenSidecarFiles(file);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function assertReadable(db: Database.Database): void {
  assertNotTooNew(db, migrations);
  const found = schemaVersion(db);
  if (found < latestVersion(migrations)) {
    throw new Error(`The local cache is at schema ${found} and must be opened for writing once to be upgraded.`);
  }
}

/**
 * Runs `fn` in one transaction and returns its result. Repository methods already use their own
 * transactions; better-sqlite3 turns those into savepoints when they run inside this one, so a
 * service can apply a batch of hub events and `setLastSeq` atomically:
 * `inTransaction(db, () => { for (const e of events) apply(e); profile.setLastSeq(last); })`.
 * Never pass an async function: the transaction would commit at the first `await`.
 */
export function inTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(fn)();
}
