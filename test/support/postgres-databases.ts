import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl } from '../../scripts/postgres/test-cluster';

/** What the hub-postgres project's global setup gives every test file. */
export interface TestPostgres {
  /** A superuser URL (database `postgres`) on the test server. */
  adminUrl: string;
  /** The migrated database each fresh one is cloned from. */
  template: string;
  /** The prefix of every database this run makes, so the end of the run finds them all. */
  run: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    warmlinePostgres: TestPostgres;
  }
}

let admin: pg.Pool | undefined;
let made = 0;

function server(): TestPostgres {
  const provided = inject('warmlinePostgres');
  if (!provided) throw new Error('No PostgreSQL test server: run this file in the hub-postgres vitest project.');
  return provided;
}

function adminPool(adminUrl: string): pg.Pool {
  admin ??= new pg.Pool({ connectionString: adminUrl, max: 2 });
  return admin;
}

/**
 * A database of its own for one test: a clone of the migrated template, or (`empty`) a database
 * with no schema at all, for migration tests. They are all removed when the run ends: dropping one
 * costs the server a checkpoint, seconds each, which the end of the run pays once.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<string> {
  const { adminUrl, template, run } = server();
  made += 1;
  const name = `${run}${process.pid}_${made}`;
  await adminPool(adminUrl).query(`CREATE DATABASE "${name}" TEMPLATE ${options.empty ? 'template0' : `"${template}"`}`);
  return databaseUrl(adminUrl, name);
}

/** Closes this file's connection to the server's admin database. */
export async function closeTestServer(): Promise<void> {
  const pool = admin;
  admin = undefined;
  await pool?.end();
}
