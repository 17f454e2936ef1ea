import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

const shared = {
  environment: 'node',
  testTimeout: 20_000,
  hookTimeout: 30_000,
  pool: 'forks',
} as const;

/**
 * Two projects in one `vitest run`: everything on SQLite ('unit'), and the hub suite again on
 * PostgreSQL ('hub-postgres': a private cluster started by its global setup, a fresh database per
 * store). WARMLINE_TEST_DATABASE=sqlite runs only the first (a machine without PostgreSQL),
 * =postgres only the second.
 */
const only = process.env.WARMLINE_TEST_DATABASE;
const unit = {
  test: {
    ...shared,
    name: 'unit',
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'test/hub/store/postgres*.test.ts'],
    setupFiles: ['test/setup/fast-check.ts', 'test/setup/password-cost.ts'],
    env: { WARMLINE_TEST_DATABASE: 'sqlite' },
  },
};
const hubPostgres = {
  test: {
    ...shared,
    name: 'hub-postgres',
    // Every commit waits for PostgreSQL's fsync: flows of dozens of writes take seconds on a loaded CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: ['test/hub/**/*.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['test/setup/postgres-cluster.ts'],
    setupFiles: ['test/setup/fast-check.ts', 'test/setup/password-cost.ts', 'test/setup/postgres-server.ts'],
    // Every replica of a hub on PostgreSQL shares one sealing key; the suite makes one per run.
    env: { WARMLINE_TEST_DATABASE: 'postgres', WARMLINE_HUB_SECRET_KEY: randomBytes(32).toString('base64') },
  },
};

export default defineConfig({
  test: {
    projects: [...(only === 'postgres' ? [] : [unit]), ...(only === 'sqlite' ? [] : [hubPostgres])],
  },
});
