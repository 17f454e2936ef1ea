import type pg from 'pg';

/**
 * One numbered schema step of the PostgreSQL store. `up` runs on the migrating connection inside
 * the transaction that also records `version`, so a crash leaves the schema at one version or the
 * next. Each SQLite migration from 018 on has its PostgreSQL twin here with its own number (the
 * baseline, 1, stands for SQLite's 1–17); a test compares the two schemas.
 */
export interface PostgresMigration {
  version: number;
  up(client: pg.ClientBase): Promise<void>;
}
