import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openHubDatabase } from './database';
import { copySqliteToPostgres } from './migrate-to-postgres';
import { openPostgresStore } from './postgres-store';
import { SECRET_KEY_ENV, SECRET_KEY_FILE } from './secret-box';

export const MIGRATE_USAGE = `Usage: npm run hub -- migrate-to <postgres url> [--data <dir>]
  Copies a stopped SQLite hub (hub.sqlite in --data, default ~/.warmline/hub) into an empty PostgreSQL
  database, all or nothing, and checks every table's row count. Stop the hub first.`;

/**
 * `npm run hub -- migrate-to postgres://…`: a SQLite hub's whole store moves to PostgreSQL. The
 * SQLite file is first brought to this hub's schema, so both sides copy at the same version.
 */
export async function runMigrateToCommand(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { data: { type: 'string', default: join(homedir(), '.warmline', 'hub') }, help: { type: 'boolean', default: false } },
  });
  const url = positionals[0];
  if (values.help || !url) {
    log(MIGRATE_USAGE);
    return values.help ? 0 : 2;
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('migrate-to needs a postgres:// or postgresql:// URL.');
  const file = join(values.data, 'hub.sqlite');
  if (!existsSync(file)) throw new Error(`No SQLite hub at ${file}: pass --data <dir> where hub.sqlite is.`);
  await (await openHubDatabase(file)).close();
  const target = await openPostgresStore(url);
  try {
    const report = await copySqliteToPostgres(file, target);
    for (const { table, rows } of report.tables) log(`${table.padEnd(28)} ${rows}`);
  } finally {
    await target.close();
  }
  const keyFile = join(values.data, SECRET_KEY_FILE);
  log(
    `Done. Secrets stay sealed with this hub's key: start every replica with ` +
      (process.env[SECRET_KEY_ENV] ? `the same ${SECRET_KEY_ENV} as this SQLite hub used.` : `a copy of ${keyFile} (mode 0600): --key-file <that copy>.`),
  );
  return 0;
}
