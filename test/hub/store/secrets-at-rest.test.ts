import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { createIntegrationChannelRepository } from '../../../src/hub/store/integration-channels';
import { SECRET_KEY_ENV, SECRET_KEY_FILE } from '../../../src/hub/store/secret-box';
import { tempDir } from '../../support/hub';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const mode = (path: string) => statSync(path).mode & 0o777;
const opened: HubDatabase[] = [];
const open = (file: string) => {
  const db = openHubDatabase(file);
  opened.push(db);
  return db;
};
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  delete process.env[SECRET_KEY_ENV];
});

describe('the hub store on disk', () => {
  it('creates hub.sqlite, -wal and -shm 0600 in a 0700 folder, and narrows an existing store made 0644', async () => {
    const folder = join(tempDir(), 'hub');
    const db = open(join(folder, 'hub.sqlite'));
    createAccountRepository(db).saveQueue('support', 'Support');
    expect(mode(folder)).toBe(0o700);
    for (const name of ['hub.sqlite', 'hub.sqlite-wal', 'hub.sqlite-shm', SECRET_KEY_FILE]) expect(mode(join(folder, name)), name).toBe(0o600);
    db.close();

    const loose = join(tempDir(), 'hub');
    mkdirSync(loose, { mode: 0o755 });
    writeFileSync(join(loose, 'hub.sqlite'), '');
    chmodSync(loose, 0o755);
    chmodSync(join(loose, 'hub.sqlite'), 0o644);
    open(join(loose, 'hub.sqlite'));
    expect([mode(loose), mode(join(loose, 'hub.sqlite'))]).toEqual([0o700, 0o600]);
  });
});

describe('integration secrets at rest', () => {
  it('stores a signing secret sealed, reads it back after a restart, and not with another key', () => {
    const file = join(tempDir(), 'hub', 'hub.sqlite');
    let db = open(file);
    createAccountRepository(db).saveQueue('support', 'Support');
    createAccountRepository(db).saveIntegration('bot-1', 'Bot', 'token-1', 'support');
    createAccountRepository(db).setSigningSecret('bot-1', SECRET);
    const raw = db.prepare<[], { signing_secret: string }>("SELECT signing_secret FROM integrations WHERE id = 'bot-1'").get()!.signing_secret;
    expect(raw).toMatch(/^enc:v1:/);
    expect(raw).not.toContain(SECRET.slice(6, 20));
    db.close();
    expect(readFileSync(file).toString('latin1')).not.toContain(SECRET);

    db = open(file);
    expect(createAccountRepository(db).integrationById('bot-1')?.signingSecret).toBe(SECRET);
    db.close();

    process.env[SECRET_KEY_ENV] = Buffer.alloc(32, 7).toString('base64');
    db = open(file);
    expect(() => createAccountRepository(db).integrationById('bot-1')).toThrow(/does not open with this hub's key/);
  });

  it('seals a secret stored in plain text before, at the next open', () => {
    const file = join(tempDir(), 'hub', 'hub.sqlite');
    let db = open(file);
    createAccountRepository(db).saveQueue('support', 'Support');
    createAccountRepository(db).saveIntegration('bot-1', 'Bot', 'token-1', 'support');
    db.prepare("UPDATE integrations SET signing_secret = ? WHERE id = 'bot-1'").run(SECRET);
    db.close();
    db = open(file);
    expect(db.prepare<[], { s: string }>("SELECT signing_secret AS s FROM integrations WHERE id = 'bot-1'").get()!.s).toMatch(/^enc:v1:/);
    expect(createAccountRepository(db).integrationById('bot-1')?.signingSecret).toBe(SECRET);
  });

  it("keeps a channel's API token sealed, and a sealed value moved to another integration does not open", () => {
    const db = open(join(tempDir(), 'hub', 'hub.sqlite'));
    const accounts = createAccountRepository(db);
    accounts.saveQueue('support', 'Support');
    accounts.saveIntegration('cw', 'Chatwoot', 'token-cw', 'support');
    accounts.saveIntegration('other', 'Other', 'token-other', 'support');
    const channels = createIntegrationChannelRepository(db);
    channels.setIntegrationChannel('cw', 'chatwoot', { baseUrl: 'https://chat.example', apiAccessToken: 'cw-api-token-123' });
    const raw = db.prepare<[], { s: string }>("SELECT channel_settings AS s FROM integrations WHERE id = 'cw'").get()!.s;
    expect(raw).not.toContain('cw-api-token-123');
    expect(channels.integrationChannel('cw')?.settings).toEqual({ baseUrl: 'https://chat.example', apiAccessToken: 'cw-api-token-123' });

    db.prepare("UPDATE integrations SET channel_platform = 'chatwoot', channel_settings = ? WHERE id = 'other'").run(raw);
    expect(() => channels.integrationChannel('other')).toThrow(/does not open/);
  });
});
