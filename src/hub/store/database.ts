import Database from 'better-sqlite3';
import { runMigrations } from '../../shared/sqlite-migrations';
import { hubMigrations } from './migrations';
import { openPostgresStore } from './postgres-store';
import { attachSecretBox, createSecretBox, loadPostgresSecretKey, loadSecretKey, sealPlainSecrets } from './secret-box';
import type { Sql } from './sql/sql';
import { sqliteSql } from './sql/sqlite-sql';
import { protectStoreFiles } from './store-files';

/** The hub's store: SQLite (embedded) or PostgreSQL (a team's replicas), behind one async door. */
export type HubDatabase = Sql;

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

export interface HubStoreOptions {
  /** A SQLite file (or ':memory:'): the embedded store. */
  file?: string;
  /** A PostgreSQL connection string: a team's store, shared by any number of replicas. */
  url?: string;
  durability?: HubDurability;
  /** The better_sqlite3.node built for the running runtime (the desktop app's embedded hub runs in Electron). */
  nativeBinding?: string;
  /** The key that seals stored secrets (a --key-file); otherwise WARMLINE_HUB_SECRET_KEY, else (SQLite) the file beside the store. */
  secretKey?: Buffer;
}

/** Opens the hub's store where the options say: PostgreSQL for a `url`, else the SQLite `file`. */
export async function openHubStore(options: HubStoreOptions): Promise<HubDatabase> {
  if (options.url) {
    const db = await openPostgresStore(options.url);
    attachSecretBox(db, createSecretBox(options.secretKey ?? loadPostgresSecretKey()));
    return db;
  }
  if (!options.file) throw new Error('The hub needs a database: a SQLite file or a PostgreSQL URL.');
  return openHubDatabase(options.file, options.durability ?? 'NORMAL', { nativeBinding: options.nativeBinding, secretKey: options.secretKey });
}

/** The hub's SQLite store behind the async door (see openSqliteFile). */
export async function openHubDatabase(file: string, durability: HubDurability = 'NORMAL', options: { nativeBinding?: string; secretKey?: Buffer } = {}): Promise<HubDatabase> {
  const raw = openSqliteFile(file, durability, options);
  const box = createSecretBox(options.secretKey ?? loadSecretKey(file));
  sealPlainSecrets(raw, box);
  const db = sqliteSql(raw);
  attachSecretBox(db, box);
  return db;
}

/**
 * Opens and migrates the hub's SQLite file, as the raw better-sqlite3 connection (the door wraps
 * it; upgrade tests read it). WAL lets readers run beside the single writer. The default is
 * synchronous=NORMAL (see HubDurability): a 2xx still means committed, and nothing acknowledged is
 * lost unless the machine itself loses power; 'FULL' is there for a deployment that wants that too.
 */
export function openSqliteFile(file: string, durability: HubDurability = 'NORMAL', options: { nativeBinding?: string } = {}): Database.Database {
  if (file !== ':memory:') protectStoreFiles(file);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  runMigrations(db, hubMigrations, (found, known) => new HubStoreTooNewError(found, known));
  return db;
}
