import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Hub, type HubOptions } from '../../src/hub/app';
import { openHubStore, type HubDatabase } from '../../src/hub/store/database';
import { createTestDatabase } from './postgres-databases';

/** True in the hub-postgres vitest project: the suite's stores are PostgreSQL databases. */
export const onPostgres = process.env.WARMLINE_TEST_DATABASE === 'postgres';

/** Where the hub suite keeps its store: SQLite in memory, or a fresh PostgreSQL database when WARMLINE_TEST_DATABASE=postgres. */
export async function testDatabase(): Promise<{ databaseFile?: string; databaseUrl?: string }> {
  if (onPostgres) return { databaseUrl: await createTestDatabase() };
  return { databaseFile: ':memory:' };
}

/**
 * A store a test closes and opens again (a hub restart on the same data): a SQLite file in a fresh
 * directory, or one fresh PostgreSQL database every start connects to.
 */
export async function restartableTestDatabase(): Promise<{ databaseFile?: string; databaseUrl?: string }> {
  if (onPostgres) return { databaseUrl: await createTestDatabase() };
  return { databaseFile: join(mkdtempSync(join(tmpdir(), 'warmline-store-')), 'hub.sqlite') };
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
