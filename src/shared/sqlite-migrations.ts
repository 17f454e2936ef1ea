/**
 * The one migration runner of Warmline's SQLite files, the hub's store and the desktop cache alike
 * (as Signal Desktop does): numbered steps `{ version, up }` run 1, 2, 3…, each in one transaction
 * that also sets `user_version`, so a crash leaves the file at one version or the next; a file newer
 * than the app is refused rather than opened. Typed structurally, so it needs no SQLite import.
 */

/** What the runner uses of a connection; better-sqlite3's Database has it. */
export interface MigratableDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction(fn: () => void): { immediate(): void };
}

/** One schema step. `up` runs inside the transaction that also sets `user_version` to `version`. */
export interface Migration<Db> {
  version: number;
  up(db: Db): void;
}

export const schemaVersion = (db: MigratableDatabase): number => db.pragma('user_version', { simple: true }) as number;

export const latestVersion = (migrations: readonly Migration<never>[]): number => migrations.at(-1)?.version ?? 0;

/** The version found; throws what `tooNew` makes when the file was written by a newer app. */
export function assertNotTooNew(db: MigratableDatabase, migrations: readonly Migration<never>[], tooNew: (found: number, known: number) => Error): number {
  const found = schemaVersion(db);
  const known = latestVersion(migrations);
  if (found > known) throw tooNew(found, known);
  return found;
}

/** Brings the schema up to date and returns its version. A gap or a duplicate would skip a step on upgrade: refused. */
export function runMigrations<Db extends MigratableDatabase>(
  db: Db,
  migrations: readonly Migration<Db>[],
  tooNew: (found: number, known: number) => Error,
): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1..n in order; found ${migration.version} at position ${index + 1}.`);
    }
  });
  const found = assertNotTooNew(db, migrations, tooNew);
  for (const migration of migrations.slice(found)) {
    db.transaction(() => {
      migration.up(db);
      // user_version lives in the database header, which is written as part of this transaction.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
