import { build, type Hub, type HubOptions } from '../../src/hub/app';
import { openHubStore, type HubDatabase } from '../../src/hub/store/database';

/** Where the hub suite keeps its store: SQLite in memory, or PostgreSQL when WARMLINE_TEST_DATABASE=postgres. */
export async function testDatabase(): Promise<{ databaseFile?: string; databaseUrl?: string }> {
  return { databaseFile: ':memory:' };
}

/** A fresh, migrated store of the suite's backend, for repository and service tests. */
export async function openTestStore(): Promise<HubDatabase> {
  const where = await testDatabase();
  return openHubStore(where.databaseUrl ? { url: where.databaseUrl } : { file: where.databaseFile ?? ':memory:' });
}

/** A hub (not listening) on a fresh store of the suite's backend. */
export async function testHub(options: Partial<HubOptions> = {}): Promise<Hub> {
  return build({ ...(await testDatabase()), ...options });
}
