import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { HubDatabase } from './database';
import { MAKE_KEY, parseSecretKey } from './secret-key';

/** Environment variable that holds the key (base64 of 32 bytes); otherwise a key file beside the store. */
export const SECRET_KEY_ENV = 'WARMLINE_HUB_SECRET_KEY';
export const SECRET_KEY_FILE = 'hub-secret.key';
const PREFIX = 'enc:v1:';

/**
 * Secrets the hub must read back (webhook signing secrets, channel API tokens) are stored sealed
 * with AES-256-GCM under a key that is not in the database: a copied hub.sqlite (a backup, a
 * support bundle) does not give them away. Each value is bound to where it belongs (`purpose`),
 * so a sealed value moved to another row or column does not open.
 */
export interface SecretBox {
  seal(plain: string, purpose: string): string;
  /** Values stored before sealing existed come back as they are (and are sealed on the next open). */
  open(stored: string, purpose: string): string;
  isSealed(stored: string): boolean;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`The hub's secret key must be 32 bytes (got ${key.length}).`);
  return {
    seal(plain, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${sealed.toString('base64url')}`;
    },
    open(stored, purpose) {
      if (!stored.startsWith(PREFIX)) return stored;
      const [iv, tag, sealed] = stored.slice(PREFIX.length).split('.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64url'));
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(sealed ?? '', 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(`A stored secret (${purpose}) does not open with this hub's key: restore ${SECRET_KEY_FILE} or ${SECRET_KEY_ENV} from when it was saved.`);
      }
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}

/** The key when none is given: the environment's, else the file beside the store (made once, 0600), else (":memory:") a fresh one. */
export function loadSecretKey(databaseFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env[SECRET_KEY_ENV];
  if (fromEnv) return parseSecretKey(fromEnv, SECRET_KEY_ENV);
  if (databaseFile === ':memory:') return randomBytes(32);
  const path = join(dirname(databaseFile), SECRET_KEY_FILE);
  if (!existsSync(path)) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, randomBytes(32).toString('base64'));
      closeSync(fd);
    } catch (error) {
      // Another process made it first: read theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseSecretKey(readFileSync(path, 'utf8'), path);
}

/**
 * Every replica of a hub on PostgreSQL must open what any other sealed, so the key is given (a
 * --key-file) or comes from the environment, the same on each; a key made per process would seal
 * secrets no other replica opens.
 */
export function loadPostgresSecretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env[SECRET_KEY_ENV];
  if (!fromEnv) throw new Error(`A hub on PostgreSQL needs its secret key, the same for every replica: --key-file <file> or ${SECRET_KEY_ENV} (base64 of 32 random bytes; ${MAKE_KEY}).`);
  return parseSecretKey(fromEnv, SECRET_KEY_ENV);
}

const boxes = new WeakMap<HubDatabase, SecretBox>();

/** Gives the store its box (openHubStore does). */
export function attachSecretBox(db: HubDatabase, box: SecretBox): void {
  boxes.set(db, box);
}

/** The store's box; one opened without openHubStore gets a fresh key for its life. */
export function secretBoxOf(db: HubDatabase): SecretBox {
  let box = boxes.get(db);
  if (!box) {
    box = createSecretBox(randomBytes(32));
    boxes.set(db, box);
  }
  return box;
}

export const signingSecretPurpose = (integrationId: string) => `integration-signing-secret:${integrationId}`;
export const channelSettingsPurpose = (integrationId: string) => `integration-channel-settings:${integrationId}`;

/** Seals any secret a SQLite file still holds in plain text, on the raw connection as it opens. */
export function sealPlainSecrets(db: Database.Database, box: SecretBox): void {
  const columns = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('integrations')").all().map((column) => column.name));
  const rows = db.prepare<[], { id: string; signing_secret: string | null; channel_settings?: string | null }>(
    `SELECT id, signing_secret${columns.has('channel_settings') ? ', channel_settings' : ''} FROM integrations`,
  ).all();
  const setSecret = db.prepare('UPDATE integrations SET signing_secret = ? WHERE id = ?');
  const setSettings = columns.has('channel_settings') ? db.prepare('UPDATE integrations SET channel_settings = ? WHERE id = ?') : null;
  db.transaction(() => {
    for (const row of rows) {
      if (row.signing_secret && !box.isSealed(row.signing_secret)) setSecret.run(box.seal(row.signing_secret, signingSecretPurpose(row.id)), row.id);
      if (setSettings && row.channel_settings && !box.isSealed(row.channel_settings)) {
        setSettings.run(box.seal(row.channel_settings, channelSettingsPurpose(row.id)), row.id);
      }
    }
  })();
}
