import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { databaseUrl, removeStaleClusters, startTestCluster, type PostgresCluster } from '../../scripts/postgres/test-cluster';
import { postgresMigrations } from '../../src/hub/store/postgres-migrations';
import { runPostgresMigrations } from '../../src/hub/store/postgres-migrations/runner';
import { createPostgresPool } from '../../src/hub/store/sql/postgres-sql';
import type { TestPostgres } from '../support/postgres-databases';

/**
 * The hub suite on PostgreSQL: a private cluster for the run (or the server WARMLINE_TEST_DATABASE_URL
 * names), one database migrated once as the template every test's fresh database is cloned from,
 * and everything removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: PostgresCluster | undefined;
  let adminUrl = process.env.WARMLINE_TEST_DATABASE_URL;
  if (!adminUrl) {
    await removeStaleClusters();
    // Only the suite's throwaway data lives here, and a crashed server still keeps every acknowledged commit.
    cluster = await startTestCluster({ fsync: process.env.WARMLINE_TEST_FSYNC === '1' });
    adminUrl = cluster.url('postgres');
  }
  const run = `warmline_test_${process.pid}_`;
  const template = `${run}template`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}" TEMPLATE template0 ENCODING 'UTF8'`);
    const pool = createPostgresPool({ connectionString: databaseUrl(adminUrl, template), max: 1 });
    try {
      await runPostgresMigrations(pool, postgresMigrations, (found, known) => new Error(`Template at version ${found}, newer than ${known}.`));
    } finally {
      await pool.end();
    }
    // No session may stay on a template while it is cloned: refuse them outright.
    await admin.query(`ALTER DATABASE "${template}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  } finally {
    await admin.end();
  }
  const provided: TestPostgres = { adminUrl, template, run };
  project.provide('warmlinePostgres', provided);

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      const left = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [run]);
      for (const { datname } of left.rows) {
        if (datname === template) await client.query(`ALTER DATABASE "${template}" WITH IS_TEMPLATE false`);
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    } finally {
      await client.end().catch(() => {});
      await cluster?.destroy();
    }
  };
}
