import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { HubStoreTooNewError } from '../../../src/hub/store/database';
import { postgresMigrations, type PostgresMigration } from '../../../src/hub/store/postgres-migrations';
import { runPostgresMigrations } from '../../../src/hub/store/postgres-migrations/runner';
import { openPostgresStore } from '../../../src/hub/store/postgres-store';
import { createPostgresPool } from '../../../src/hub/store/sql/postgres-sql';
import type { Sql } from '../../../src/hub/store/sql/sql';
import { createTestDatabase } from '../../support/postgres-databases';

const tooNew = (found: number, known: number) => new HubStoreTooNewError(found, known);
const opened: { end(): Promise<void> }[] = [];
const pool = (url: string) => {
  const made = createPostgresPool({ connectionString: url, max: 2 });
  opened.push(made);
  return made;
};
const store = async (url: string): Promise<Sql> => {
  const made = await openPostgresStore(url, { max: 2 });
  opened.push({ end: () => made.close() });
  return made;
};

afterEach(async () => {
  await Promise.all(opened.splice(0).map((each) => each.end()));
});

async function versionOf(url: string): Promise<number> {
  const row = (await pool(url).query<{ version: number }>('SELECT version FROM hub_schema_version')).rows[0];
  return row?.version ?? 0;
}

describe('PostgreSQL migrations', () => {
  it('are numbered 1..n without gaps, and a runner refuses a list that is not', async () => {
    expect(postgresMigrations.map((migration) => migration.version)).toEqual(postgresMigrations.map((_, index) => index + 1));
    const url = await createTestDatabase({ empty: true });
    const skipping: PostgresMigration[] = [{ version: 2, up: async () => {} }];
    await expect(runPostgresMigrations(pool(url), skipping, tooNew)).rejects.toThrow('Migrations must be numbered 1..n in order; found 2 at position 1.');
  });

  it('bring an empty database to the latest version, and a second open finds nothing to do', async () => {
    const url = await createTestDatabase({ empty: true });
    await store(url);
    expect(await versionOf(url)).toBe(postgresMigrations.length);
    const again = await store(url);
    expect(await again.get<{ n: number }>('SELECT count(*) AS n FROM events')).toEqual({ n: 0 });
  });

  it('run once when two replicas start together on an empty database', async () => {
    const url = await createTestDatabase({ empty: true });
    const counted: PostgresMigration[] = [
      {
        version: 1,
        async up(client) {
          await client.query('CREATE TABLE migration_runs (replica text NOT NULL)');
          // Holds the step open long enough that an unlocked second runner would be inside it too.
          await client.query('SELECT pg_sleep(0.3)');
          await client.query("INSERT INTO migration_runs VALUES ('ran')");
        },
      },
    ];
    const versions = await Promise.all([runPostgresMigrations(pool(url), counted, tooNew), runPostgresMigrations(pool(url), counted, tooNew)]);
    expect(versions).toEqual([1, 1]);
    expect((await pool(url).query('SELECT * FROM migration_runs')).rows).toEqual([{ replica: 'ran' }]);
  });

  it('let two replicas open the real schema together, both ready', async () => {
    const url = await createTestDatabase({ empty: true });
    const [first, second] = await Promise.all([store(url), store(url)]);
    await first?.run("INSERT INTO hub_settings (key, value) VALUES ('k', 'v')");
    expect(await second?.get('SELECT value FROM hub_settings WHERE key = ?', ['k'])).toEqual({ value: 'v' });
    expect(await versionOf(url)).toBe(postgresMigrations.length);
  });

  it('refuse a database written by a newer hub, naming both versions', async () => {
    const url = await createTestDatabase();
    await pool(url).query('UPDATE hub_schema_version SET version = 99');
    await expect(openPostgresStore(url)).rejects.toThrow(
      `The hub database is at schema version 99, newer than this hub knows (${postgresMigrations.length}). Upgrade the hub.`,
    );
    await expect(openPostgresStore(url)).rejects.toBeInstanceOf(HubStoreTooNewError);
  });

  it('commit each step on its own: a failing step leaves the schema at the step before, with none of its changes', async () => {
    const url = await createTestDatabase({ empty: true });
    const steps: PostgresMigration[] = [
      { version: 1, up: async (client) => void (await client.query('CREATE TABLE first_step (id bigint)')) },
      {
        version: 2,
        async up(client) {
          await client.query('CREATE TABLE second_step (id bigint)');
          await client.query('SELECT no_such_function()');
        },
      },
    ];
    await expect(runPostgresMigrations(pool(url), steps, tooNew)).rejects.toThrow(/no_such_function/);
    expect(await versionOf(url)).toBe(1);
    const tables = await pool(url).query<{ present: string | null }>(
      "SELECT to_regclass('first_step')::text AS present UNION ALL SELECT to_regclass('second_step')::text",
    );
    expect(tables.rows.map((row) => row.present)).toEqual(['first_step', null]);
  });

  it('let go of the lock when a step fails, so the next replica can migrate', async () => {
    const url = await createTestDatabase({ empty: true });
    const failing: PostgresMigration[] = [{ version: 1, up: async (client) => void (await client.query('SELECT no_such_function()')) }];
    await expect(runPostgresMigrations(pool(url), failing, tooNew)).rejects.toThrow(/no_such_function/);
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      const locks = await other.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'");
      expect(locks.rows).toEqual([{ n: 0 }]);
    } finally {
      await other.end();
    }
    await store(url);
    expect(await versionOf(url)).toBe(postgresMigrations.length);
  });
});
