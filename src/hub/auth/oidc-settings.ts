import type { SignInSettings } from '../../shared/sign-in';
import type { HubDatabase } from '../store/database';
import { secretBoxOf } from '../store/secret-box';

const KEY = 'sign-in';
const SECRET_PURPOSE = 'oidc-client-secret';
const GET = 'SELECT value FROM hub_settings WHERE key = ?';
const SET = 'INSERT INTO hub_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

/** The provider settings as the hub uses them: the client secret opened, for the token request only. */
export interface ProviderSettings extends Omit<SignInSettings, 'hasClientSecret'> {
  clientSecret: string | null;
}

type Stored = Omit<ProviderSettings, 'clientSecret'> & { clientSecret: string | null };

export const NO_PROVIDER: ProviderSettings = {
  enabled: false,
  displayName: '',
  issuer: '',
  clientId: '',
  clientSecret: null,
  defaultRole: 'agent',
  passwordSignIn: true,
};

/**
 * Sign-in settings, one JSON value in hub_settings so every replica reads the same; the client
 * secret is sealed with the hub's key (secret-box), never stored or logged in the clear.
 */
export function createProviderSettingsRepository(db: HubDatabase) {
  const box = secretBoxOf(db);
  return {
    async get(): Promise<ProviderSettings> {
      const row = await db.get<{ value: string }>(GET, [KEY]);
      if (row === undefined) return NO_PROVIDER;
      const stored = JSON.parse(row.value) as Stored;
      return { ...stored, clientSecret: stored.clientSecret === null ? null : box.open(stored.clientSecret, SECRET_PURPOSE) };
    },
    async save(settings: ProviderSettings): Promise<void> {
      const stored: Stored = { ...settings, clientSecret: settings.clientSecret === null ? null : box.seal(settings.clientSecret, SECRET_PURPOSE) };
      await db.run(SET, [KEY, JSON.stringify(stored)]);
    },
  };
}

export type ProviderSettingsRepository = ReturnType<typeof createProviderSettingsRepository>;

/** What an admin sees of the settings: whether a secret is stored, never the secret. */
export const publicSettings = ({ clientSecret, ...rest }: ProviderSettings): SignInSettings => ({ ...rest, hasClientSecret: clientSecret !== null });
