import type { HubDatabase } from './database';
import { HubStoreTooNewError } from './database';
import { postgresMigrations } from './postgres-migrations';
import { runPostgresMigrations } from './postgres-migrations/runner';
import { createPostgresPool, isUnavailable, postgresSql } from './sql/postgres-sql';
import { StoreUnavailableError } from './sql/sql';

export interface PostgresStoreOptions {
  /** Connections this replica keeps open (default 10). */
  max?: number;
}

/**
 * Opens a team's hub store on PostgreSQL: a pool, the schema brought up to date (once, whichever
 * replica gets there first), and the async Sql door over the pool. The secret box is attached by
 * openHubStore, with the key every replica shares.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<HubDatabase> {
  const pool = createPostgresPool({ connectionString: url, max: options.max });
  try {
    await runPostgresMigrations(pool, postgresMigrations, (found, known) => new HubStoreTooNewError(found, known));
  } catch (error) {
    await pool.end().catch(() => {});
    throw isUnavailable(error) ? new StoreUnavailableError(error) : error;
  }
  return postgresSql(pool);
}
