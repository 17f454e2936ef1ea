import { afterAll, beforeAll } from 'vitest';
import { createPostgresCluster, postgresBinDir, type PostgresCluster } from '../../../scripts/replicas/postgres-cluster';

/** These tests stop and crash their server, so each file gets a private one, never the shared test cluster. */
export const hasPostgres = postgresBinDir() !== null;
if (!hasPostgres) console.warn('PostgreSQL server binaries not found: the cluster tests are skipped (apt-get install postgresql, or set WARMLINE_PG_BIN).');

/** Starts a private cluster before the file's tests and removes it after them. */
export function usePrivatePostgres(): () => PostgresCluster {
  let cluster: PostgresCluster | null = null;
  beforeAll(async () => {
    if (hasPostgres) cluster = await createPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  });
  return () => {
    if (!cluster) throw new Error('the private PostgreSQL cluster is not running');
    return cluster;
  };
}
