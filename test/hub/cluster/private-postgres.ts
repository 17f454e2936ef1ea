import { afterAll, beforeAll } from 'vitest';
import { postgresBinDir, startTestCluster, type PostgresCluster } from '../../../scripts/postgres/test-cluster';

function findsPostgres(): boolean {
  try {
    postgresBinDir();
    return true;
  } catch {
    return false;
  }
}

/**
 * The cluster tests run in the PostgreSQL project of the suite, on a server of their own: they
 * stop and crash it, so never on the shared test cluster.
 */
export const hasPostgres = process.env.WARMLINE_TEST_DATABASE !== 'sqlite' && findsPostgres();
/** The SQLite halves run once, in the SQLite project. */
export const onSqliteRun = process.env.WARMLINE_TEST_DATABASE !== 'postgres';

export type PrivatePostgres = PostgresCluster & { serverUrl: string };

/** Starts a private cluster before the file's tests and removes it after them; gives its TCP URL. */
export function usePrivatePostgres(): () => PrivatePostgres {
  let cluster: PrivatePostgres | null = null;
  beforeAll(async () => {
    if (!hasPostgres) return;
    const started = await startTestCluster();
    cluster = Object.assign(started, { serverUrl: started.tcpUrl('postgres') });
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  });
  return () => {
    if (!cluster) throw new Error('the private PostgreSQL cluster is not running');
    return cluster;
  };
}
