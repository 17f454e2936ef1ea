import type pg from 'pg';
import type { PostgresMigration } from './migration';

/** The session advisory lock that lets one replica migrate while the others wait (any fixed 64-bit number). */
export const MIGRATION_LOCK_KEY = 7_746_101_118_106;

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS hub_schema_version (
  single boolean PRIMARY KEY DEFAULT true CHECK (single),
  version bigint NOT NULL
)`;

/**
 * Brings a PostgreSQL store up to date and returns its version. Replicas starting together each
 * call this: a session advisory lock, held on one connection for the whole run, lets the first
 * migrate while the rest wait and then find nothing left to do. Each step commits on its own with
 * its version; a database newer than these migrations is refused with what `tooNew` makes.
 */
export async function runPostgresMigrations(
  pool: pg.Pool,
  migrations: readonly PostgresMigration[],
  tooNew: (found: number, known: number) => Error,
): Promise<number> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1..n in order; found ${migration.version} at position ${index + 1}.`);
    }
  });
  const known = migrations.at(-1)?.version ?? 0;
  const client = await pool.connect();
  // A lent client has no pool listener: a server dying mid-run must reject the query, not end the process.
  const lost = () => {};
  client.on('error', lost);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(VERSION_TABLE);
    let found = await versionOf(client);
    if (found > known) throw tooNew(found, known);
    for (const migration of migrations.slice(found)) {
      await client.query('BEGIN');
      await migration.up(client);
      await client.query(
        'INSERT INTO hub_schema_version (single, version) VALUES (true, $1) ON CONFLICT (single) DO UPDATE SET version = excluded.version',
        [migration.version],
      );
      await client.query('COMMIT');
      found = migration.version;
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    client.off('error', lost);
    client.release();
    return found;
  } catch (error) {
    // Closing the connection rolls back an open step and lets go of the lock, whatever state it is in.
    client.off('error', lost);
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

async function versionOf(client: pg.ClientBase): Promise<number> {
  const result = await client.query<{ version: string | number }>('SELECT version FROM hub_schema_version');
  return Number(result.rows[0]?.version ?? 0);
}

/** The version a PostgreSQL store is at (0 when never migrated). */
export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
  const exists = await pool.query<{ present: boolean }>("SELECT to_regclass('hub_schema_version') IS NOT NULL AS present");
  if (!exists.rows[0]?.present) return 0;
  const result = await pool.query<{ version: string | number }>('SELECT version FROM hub_schema_version');
  return Number(result.rows[0]?.version ?? 0);
}
