import type Database from 'better-sqlite3';
import * as runner from '../../shared/sqlite-migrations';
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

const tooNew = (found: number, known: number) => new CacheTooNewError(found, known);

export const { schemaVersion, latestVersion } = runner;

export const assertNotTooNew = (db: Database.Database, migrations: readonly Migration[]): number => runner.assertNotTooNew(db, migrations, tooNew);

/** The cache's schema brought up to date by the shared runner (src/shared/sqlite-migrations.ts). */
export const runMigrations = (db: Database.Database, migrations: readonly Migration[]): number => runner.runMigrations(db, migrations, tooNew);
