import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { createIntegrationChannelRepository } from '../../../src/hub/store/integration-channels';
import { SECRET_KEY_ENV, SECRET_KEY_FILE } from '../../../src/hub/store/secret-box';
import { tempDir } from '../../support/hub';
import { onPostgres, openTestStore } from '../../support/test-store';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const mode = (path: string) => statSync(path).mode & 0o777;
const opened: HubDatabase[] = [];
const closed = new Set<HubDatabase>();
const open = async (file: string) => {
  const db = await openHubDatabase(file);
  opened.push(db);
  return db;
};
const close = async (db: HubDatabase) => {
  closed.add(db);
  await db.close();
};
afterEach(async () => {
  for (const db of opened.splice(0)) if (!closed.has(db)) await db.close();
  closed.clear();
  delete process.env[SECRET_KEY_ENV];
});

// The key file and its modes belong to a SQLite store; the PostgreSQL project sets the key in the environment.
describe.skipIf(onPostgres)('the hub store on disk (SQLite file only)', () => {
  it('creates hub.sqlite, -wal and -shm 0600 in a 0700 folder, and narrows an existing store made 0644', async () => {
    const folder = join(tempDir(), 'hub');
    const db = await open(join(folder, 'hub.sqlite'));
    await createAccountRepository(db).saveQueue('support', 'Support');
    expect(mode(folder)).toBe(0o700);
    for (const name of ['hub.sqlite', 'hub.sqlite-wal', 'hub.sqlite-shm', SECRET_KEY_FILE]) expect(mode(join(folder, name)), name).toBe(0o600);
    await close(db);

    const loose = join(tempDir(), 'hub');
    mkdirSync(loose, { mode: 0o755 });
    writeFileSync(join(loose, 'hub.sqlite'), '');
    chmodSync(loose, 0o755);
    chmodSync(join(loose, 'hub.sqlite'), 0o644);
    await open(join(loose, 'hub.sqlite'));
    expect([mode(loose), mode(join(loose, 'hub.sqlite'))]).toEqual([0o700, 0o600]);
  });
});

describe.skipIf(onPostgres)('integration secrets at rest in a SQLite file', () => {
  it('stores a signing secret sealed, reads it back after a restart, and not with another key', async () => {
    const file = join(tempDir(), 'hub', 'hub.sqlite');
    let db = await open(file);
    await createAccountRepository(db).saveQueue('support', 'Support');
    await createAccountRepository(db).saveIntegration('bot-1', 'Bot', 'token-1', 'support');
    await createAccountRepository(db).setSigningSecret('bot-1', SECRET);
    const raw = (await db.get<{ signing_secret: string }>("SELECT signing_secret FROM integrations WHERE id = 'bot-1'"))!.signing_secret;
    expect(raw).toMatch(/^enc:v1:/);
    expect(raw).not.toContain(SECRET.slice(6, 20));
    await close(db);
    expect(readFileSync(file).toString('latin1')).not.toContain(SECRET);

    db = await open(file);
    expect((await createAccountRepository(db).integrationById('bot-1'))?.signingSecret).toBe(SECRET);
    await close(db);

    process.env[SECRET_KEY_ENV] = Buffer.alloc(32, 7).toString('base64');
    db = await open(file);
    await expect(createAccountRepository(db).integrationById('bot-1')).rejects.toThrow(/does not open with this hub's key/);
  });

  it('seals a secret stored in plain text before, at the next open', async () => {
    const file = join(tempDir(), 'hub', 'hub.sqlite');
    let db = await open(file);
    await createAccountRepository(db).saveQueue('support', 'Support');
    await createAccountRepository(db).saveIntegration('bot-1', 'Bot', 'token-1', 'support');
    await db.run("UPDATE integrations SET signing_secret = ? WHERE id = 'bot-1'", [SECRET]);
    await close(db);
    db = await open(file);
    expect((await db.get<{ s: string }>("SELECT signing_secret AS s FROM integrations WHERE id = 'bot-1'"))!.s).toMatch(/^enc:v1:/);
    expect((await createAccountRepository(db).integrationById('bot-1'))?.signingSecret).toBe(SECRET);
  });
});

describe('integration channel settings at rest', () => {
  it("keeps a channel's API token sealed, and a sealed value moved to another integration does not open", async () => {
    const db = await openTestStore();
    opened.push(db);
    const accounts = createAccountRepository(db);
    await accounts.saveQueue('support', 'Support');
    await accounts.saveIntegration('cw', 'Chatwoot', 'token-cw', 'support');
    await accounts.saveIntegration('other', 'Other', 'token-other', 'support');
    const channels = createIntegrationChannelRepository(db);
    await channels.setIntegrationChannel('cw', 'chatwoot', { baseUrl: 'https://chat.example', apiAccessToken: 'cw-api-token-123' });
    const raw = (await db.get<{ s: string }>("SELECT channel_settings AS s FROM integrations WHERE id = 'cw'"))!.s;
    expect(raw).not.toContain('cw-api-token-123');
    expect((await channels.integrationChannel('cw'))?.settings).toEqual({ baseUrl: 'https://chat.example', apiAccessToken: 'cw-api-token-123' });

    await db.run("UPDATE integrations SET channel_platform = 'chatwoot', channel_settings = ? WHERE id = 'other'", [raw]);
    await expect(channels.integrationChannel('other')).rejects.toThrow(/does not open/);
  });
});
