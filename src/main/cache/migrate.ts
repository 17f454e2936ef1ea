import type Database from 'better-sqlite3';
import type { Migration } from './migrations/types';

/** Thrown when the cache was written by a newer Warmline: opening it could destroy what it holds. */
export class CacheTooNewError extends Error {
  override readonly name = 'CacheTooNewError';
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The local cache was written by a newer version of Warmline (schema ${found}; this version knows up to ${known}). ` +
        'Update Warmline, or clear the local data to start afresh.',
    );
  }
}

export const schemaVersion = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

export const latestVersion = (migrations: readonly Migration[]): number => migrations.at(-1)?.version ?? 0;

/** Versions must run 1, 2, 3…: a gap or a duplicate is a packaging mistake that must not reach a user's cache. */
const assertContiguous = (migrations: readonly Migration[]): void => {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Cache migrations must be numbered 1..n in order; found ${migration.version} at position ${index + 1}`);
    }
  });
};

export const assertNotTooNew = (db: Database.Database, migrations: readonly Migration[]): number => {
  const found = schemaVersion(db);
  const known = latestVersion(migrations);
  if (found > known) throw new CacheTooNewError(found, known);
  return found;
};

/**
 * Brings the schema up to date. Each migration and its `user_version` commit together, so a crash
 * leaves the cache at one version or the next, never between.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[]): number {
  assertContiguous(migrations);
  const found = assertNotTooNew(db, migrations);
  for (const migration of migrations.slice(found)) {
    db.transaction(() => {
      migration.up(db);
      // user_version lives in the database header, which is written as part of this transaction.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
