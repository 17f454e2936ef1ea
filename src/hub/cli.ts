import { writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runAdminCommand } from './admin/admin-cli';
import { runMigrateToCommand } from './store/migrate-command';
import { SECRET_KEY_ENV } from './store/secret-box';
import { newSecretKey, readSecretKeyFile } from './store/secret-key';
import { startDemoShift } from './demo/shift';
import { DEMO_INTEGRATION_TOKEN, DEMO_WALLBOARD_TOKEN } from './demo/seed';
import { startHub } from './server';
import { HEARTBEAT_MS } from './stream/heartbeat';

const USAGE = `Usage: npm run hub -- [--port <p>] [--host <addr>] [--data <dir> | --database <postgres url>] [--key-file <file>] [--demo] [--traffic <handoffs per minute>]
  --port     port to listen on; 0 picks a free one (default 4700)
  --host     address to listen on (default 127.0.0.1)
  --data     where the hub keeps its SQLite store (default ~/.warmline/hub)
  --database a PostgreSQL URL, postgres://user:password@host:5432/warmline (or WARMLINE_DATABASE_URL):
             the hub runs on PostgreSQL instead, and any number of hubs on the same database serve one floor
  --key-file the key that seals stored secrets (base64 of 32 bytes, mode 0600), the same file on every replica;
             otherwise ${SECRET_KEY_ENV}, else (SQLite only) hub-secret.key beside the store
  --demo     seed demo accounts and the integration token "${DEMO_INTEGRATION_TOKEN}" (loopback only)
  --traffic  with --demo: realistic demo handoffs per minute, taken by simulated agents and you (default 0: none)
  --origin   an extra origin allowed to open the desktop stream (repeatable)
  --allowed-host   a host name clients reach the hub by, besides loopback names and --host (repeatable; needed with --host 0.0.0.0)
  --customer-chat  mount the anonymous customer web chat (/chat) without --demo
  --max-connections-per-address   open sockets one client address may hold (default 256; raise it behind a reverse proxy)
  --offer-timeout  seconds an agent has to accept an offer before it moves on (default 30; 0: no limit)
  --wrap-up        seconds an agent is kept out of routing after closing a chat, unless they end it sooner (default 0: none)
  --away-reason    a reason agents can give for going away (repeatable; default Break, Lunch, Meeting, Training)
  --heartbeat-ms   ms between pings on the desktop stream; a peer that answers none is dropped within two (default 15000)
  --public-url     how bot platforms reach this hub, for the signed links of agents' files (default: the address it listens on)
  --trust-file-host  a host whose files may come from a private or loopback address, e.g. a self-hosted Chatwoot (repeatable)
       npm run hub -- admin create --email <address> --name <full name> [--data <dir>]   the first admin (admin --help)
       npm run hub -- migrate-to <postgres url> [--data <dir>]   move a stopped SQLite hub's data to PostgreSQL
       npm run hub -- new-key <file>   write a fresh key for --key-file (mode 0600; an existing file is never overwritten)`;

/** The URL as a log line may show it: the password never reaches a terminal or a log file. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4700' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: join(homedir(), '.warmline', 'hub') },
      database: { type: 'string' },
      'key-file': { type: 'string' },
      demo: { type: 'boolean', default: false },
      traffic: { type: 'string', default: '0' },
      origin: { type: 'string', multiple: true, default: [] },
      'allowed-host': { type: 'string', multiple: true, default: [] },
      'customer-chat': { type: 'boolean', default: false },
      'max-connections-per-address': { type: 'string', default: '256' },
      'offer-timeout': { type: 'string', default: '30' },
      'wrap-up': { type: 'string', default: '0' },
      'away-reason': { type: 'string', multiple: true, default: [] },
      'heartbeat-ms': { type: 'string', default: String(HEARTBEAT_MS) },
      'public-url': { type: 'string' },
      'trust-file-host': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const rate = Number(values.traffic);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535 (got ${values.port})`);
  if (!Number.isFinite(rate) || rate < 0) throw new Error(`--traffic must be a number ≥ 0 (got ${values.traffic})`);
  if (rate > 0 && !values.demo) throw new Error('--traffic needs --demo');
  const offerTimeout = Number(values['offer-timeout']);
  if (!Number.isFinite(offerTimeout) || offerTimeout < 0) throw new Error(`--offer-timeout must be seconds ≥ 0 (got ${values['offer-timeout']})`);
  const wrapUp = Number(values['wrap-up']);
  if (!Number.isFinite(wrapUp) || wrapUp < 0 || wrapUp > 3600) throw new Error(`--wrap-up must be seconds 0–3600 (got ${values['wrap-up']})`);
  const awayReasons = values['away-reason'].map((reason) => reason.trim()).filter(Boolean);

  const maxConnections = Number(values['max-connections-per-address']);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) throw new Error(`--max-connections-per-address must be a whole number ≥ 1 (got ${values['max-connections-per-address']})`);
  const heartbeatMs = Number(values['heartbeat-ms']);
  if (!Number.isInteger(heartbeatMs) || heartbeatMs < 100) throw new Error(`--heartbeat-ms must be a whole number ≥ 100 (got ${values['heartbeat-ms']})`);

  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl)) throw new Error(`--public-url must be an http(s) URL (got ${publicUrl})`);

  const databaseUrl = values.database ?? (process.env.WARMLINE_DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('--database must be a postgres:// or postgresql:// URL.');

  const keyFile = values['key-file'];
  const secretKey = keyFile === undefined ? undefined : readSecretKeyFile(keyFile);

  const running = await startHub({
    port,
    host: values.host,
    ...(databaseUrl ? { databaseUrl } : { dataDir: values.data }),
    secretKey,
    demo: values.demo,
    allowedOrigins: values.origin,
    offerTimeoutMs: offerTimeout === 0 ? null : offerTimeout * 1000,
    presence: { wrapUpMs: wrapUp * 1000, ...(awayReasons.length > 0 ? { awayReasons } : {}) },
    heartbeatMs,
    publicUrl,
    attachments: { trustedHosts: values['trust-file-host'] },
    allowedHosts: values['allowed-host'],
    customerChat: values['customer-chat'],
    edgeLimits: { maxConnectionsPerAddress: maxConnections },
  });
  console.log(`Warmline hub listening on ${running.url} (${databaseUrl ? `PostgreSQL at ${withoutPassword(databaseUrl)}` : `data in ${values.data}`})`);
  if (values.demo) {
    console.log(`Demo: sign in as agent@demo / supervisor@demo with password "demo"; integration token "${DEMO_INTEGRATION_TOKEN}".`);
    console.log(`Customer chat: ${running.url}/chat`);
    console.log(`Wallboard: ${running.url}/wallboard/?token=${DEMO_WALLBOARD_TOKEN}`);
  }
  const shift = values.demo ? await startDemoShift(running, { perMinute: rate }) : null;
  const stop = async () => {
    await shift?.stop();
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** `new-key <file>`: the file is made owner-only and never replaces a key already sealing secrets. */
async function runNewKeyCommand(argv: string[]): Promise<number> {
  const [file] = argv;
  if (!file) {
    console.error('Usage: npm run hub -- new-key <file>   (or: openssl rand -base64 32 > <file> && chmod 600 <file>)');
    return 2;
  }
  try {
    writeFileSync(file, `${newSecretKey()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new Error(`${file} already exists: a key cannot be replaced once it seals secrets. Keep it, or choose another path.`);
  }
  console.log(`Wrote a new key to ${file} (mode 0600). Give every replica the same file: --key-file ${file}`);
  return 0;
}

const subcommands = new Map<string, (argv: string[]) => Promise<number>>([['admin', runAdminCommand], ['migrate-to', runMigrateToCommand], ['new-key', runNewKeyCommand]]);
const subcommand = subcommands.get(process.argv[2] ?? '') ?? null;
if (subcommand) {
  subcommand(process.argv.slice(3)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
} else main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
