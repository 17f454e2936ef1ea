import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openHubStore } from '../store/database';
import { createFirstAdmin, FirstAdminError } from './first-admin';
import { setPasswordPath } from './password-codes';

export const ADMIN_USAGE = `Usage: npm run hub -- admin create --email <address> --name <full name> [--data <dir> | --database <postgres url>] [--hub-url <url>]
  Creates the hub's first admin (refused once the hub has one) and prints a one-time code to set
  their password. Run it on the server, with the same --data (default ~/.warmline/hub) or --database
  (or WARMLINE_DATABASE_URL) as the hub.
  --hub-url  the hub's address as people reach it, for the printed link (default http://127.0.0.1:4700)`;

/** `npm run hub -- admin …`: what only someone with the server can do. Resolves to the exit code. */
export async function runAdminCommand(args: string[], print: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        data: { type: 'string', default: join(homedir(), '.warmline', 'hub') },
        database: { type: 'string' },
        'hub-url': { type: 'string', default: 'http://127.0.0.1:4700' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    print(`${(error as Error).message}\n${ADMIN_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] !== 'create' || !values.email || !values.name) {
    print(ADMIN_USAGE);
    return values.help ? 0 : 2;
  }
  const databaseUrl = values.database ?? (env.WARMLINE_DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    print(`--database must be a postgres:// or postgresql:// URL.\n${ADMIN_USAGE}`);
    return 2;
  }
  const db = await openHubStore(databaseUrl ? { url: databaseUrl } : { file: join(values.data, 'hub.sqlite') });
  try {
    const admin = await createFirstAdmin(db, { email: values.email, name: values.name }, new Date());
    const hubUrl = values['hub-url'].replace(/\/+$/, '');
    print(`First admin created: ${values.name.trim()} <${values.email.trim().toLowerCase()}>.`);
    print(`One-time code to set their password (valid until ${admin.expiresAt}): ${admin.code}`);
    print(`Set it at ${hubUrl}${setPasswordPath(admin.code)}`);
    return 0;
  } catch (error) {
    if (!(error instanceof FirstAdminError)) throw error;
    print(error.message);
    return 1;
  } finally {
    await db.close();
  }
}
