import { execFile } from 'node:child_process';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/hub/store/accounts';
import { openHubStore, type HubDatabase } from '../../src/hub/store/database';
import { SECRET_KEY_ENV } from '../../src/hub/store/secret-box';
import { parseSecretKey, readSecretKeyFile } from '../../src/hub/store/secret-key';
import { tempDir } from '../support/hub';
import { onPostgres, restartableTestDatabase } from '../support/test-store';

const run = promisify(execFile);
const CLI = join(__dirname, '../../src/hub/cli.ts');
const TSX = join(__dirname, '../../node_modules/.bin/tsx');
const backend = onPostgres ? 'PostgreSQL' : 'SQLite';
const SECRET = 'whsec_4mJ2x9QvKpL7tR0sWnE3yU8aB6cD1fGh';

/** `npm run hub -- <args>` as an operator runs it; resolves with the exit code and both outputs. */
async function hubCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function keyFile(content: string, mode = 0o600): string {
  const path = join(tempDir(), 'hub-secret.key');
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

const KEY = Buffer.alloc(32, 42);
/** Each run of the CLI loads the whole hub under tsx: seconds on a busy machine. */
const CLI_TIMEOUT_MS = 90_000;
const opened: HubDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

/** The store as a hub opens it (openHubStore), with the key its --key-file gave. */
async function openWithKey(where: { databaseFile?: string; databaseUrl?: string }, secretKey: Buffer): Promise<HubDatabase> {
  const db = await openHubStore(where.databaseUrl ? { url: where.databaseUrl, secretKey } : { file: where.databaseFile, secretKey });
  opened.push(db);
  return db;
}

/** A SQLite file has one hub at a time: the next "replica" opens it after this one closes. */
async function closeOnSqlite(db: HubDatabase): Promise<void> {
  if (onPostgres) return;
  opened.splice(opened.indexOf(db), 1);
  await db.close();
}

describe('reading the key file given with --key-file', () => {
  it('reads base64 of 32 bytes from an owner-only file, with or without its trailing line break', () => {
    expect(readSecretKeyFile(keyFile(`${KEY.toString('base64')}\n`))).toEqual(KEY);
    expect(readSecretKeyFile(keyFile(`${KEY.toString('base64')}\r\n`))).toEqual(KEY);
    expect(readSecretKeyFile(keyFile(KEY.toString('base64'), 0o400))).toEqual(KEY);
  });

  it('refuses a file its group or other users may read, as ssh refuses such a private key, and says how to fix it', () => {
    const world = keyFile(KEY.toString('base64'), 0o644);
    expect(() => readSecretKeyFile(world)).toThrow(`is open to its group and other users (mode 0644); only its owner may read it: chmod 600 ${world}`);
    expect(() => readSecretKeyFile(keyFile(KEY.toString('base64'), 0o640))).toThrow(/is open to its group \(mode 0640\)/);
    expect(() => readSecretKeyFile(keyFile(KEY.toString('base64'), 0o602))).toThrow(/is open to other users \(mode 0602\)/);
  });

  it('names the problem of a key of the wrong length, not base64, empty or missing, never printing the key', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    expect(() => readSecretKeyFile(keyFile(`${short}\n`))).toThrow(/is 16 bytes; it must be 32 \(44 characters of base64\): make one with `npm run hub -- new-key <file>`/);
    expect(() => readSecretKeyFile(keyFile('not a key at all\n'))).toThrow(/is not base64/);
    expect(() => readSecretKeyFile(keyFile(`${KEY.toString('hex')}\n`))).toThrow(/is 48 bytes/);
    expect(() => readSecretKeyFile(keyFile('\n'))).toThrow(/is empty/);
    expect(() => readSecretKeyFile(join(tempDir(), 'nowhere.key'))).toThrow(/nowhere\.key: it does not exist/);
    try {
      parseSecretKey(`${short}\n`, SECRET_KEY_ENV);
    } catch (error) {
      expect((error as Error).message).toContain(SECRET_KEY_ENV);
      expect((error as Error).message).not.toContain(short);
    }
  });
});

describe('npm run hub -- new-key', () => {
  it('writes a fresh owner-only key that --key-file reads, and never overwrites an existing one', async () => {
    const path = join(tempDir(), 'replica.key');
    const made = await hubCli(['new-key', path]);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`Wrote a new key to ${path} (mode 0600)`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const key = readSecretKeyFile(path);
    expect(key).toHaveLength(32);

    const again = await hubCli(['new-key', path]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists: a key cannot be replaced once it seals secrets');
    expect(readSecretKeyFile(path)).toEqual(key);
  }, CLI_TIMEOUT_MS);
});

describe(`replicas sharing one key file (${backend})`, () => {
  it('a hub started with the same key file opens what another sealed; with another key it says which key to restore', async () => {
    const where = await restartableTestDatabase();
    const shared = readSecretKeyFile(keyFile(`${KEY.toString('base64')}\n`));
    const first = await openWithKey(where, shared);
    const accounts = createAccountRepository(first);
    await accounts.saveQueue('support', 'Support');
    await accounts.saveIntegration('bot-1', 'Bot', 'token-1', 'support');
    await accounts.setSigningSecret('bot-1', SECRET);
    await closeOnSqlite(first);

    const second = await openWithKey(where, readSecretKeyFile(keyFile(KEY.toString('base64'))));
    expect((await createAccountRepository(second).integrationById('bot-1'))?.signingSecret).toBe(SECRET);
    await closeOnSqlite(second);

    const stranger = await openWithKey(where, Buffer.alloc(32, 1));
    await expect(createAccountRepository(stranger).integrationById('bot-1')).rejects.toThrow(/does not open with this hub's key/);
  });

  it('the hub refuses to start with a key file others may read, before it opens the store', async () => {
    const loose = keyFile(KEY.toString('base64'), 0o644);
    const where = onPostgres ? ['--database', (await restartableTestDatabase()).databaseUrl ?? ''] : ['--data', join(tempDir(), 'hub')];
    const started = await hubCli(['--port', '0', ...where, '--key-file', loose]);
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(`chmod 600 ${loose}`);
  }, CLI_TIMEOUT_MS);
});

describe.runIf(onPostgres)('a hub on PostgreSQL without a key', () => {
  it('refuses to start and names both ways to give one', async () => {
    const env = { ...process.env };
    delete env[SECRET_KEY_ENV];
    const started = await hubCli(['--port', '0', '--database', (await restartableTestDatabase()).databaseUrl ?? ''], env);
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(`needs its secret key, the same for every replica: --key-file <file> or ${SECRET_KEY_ENV}`);
  }, CLI_TIMEOUT_MS);
});
