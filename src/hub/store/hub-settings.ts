import type { Retention } from '../../shared/admin';
import type { HubDatabase } from './database';

export const DEFAULT_RETENTION: Retention = { hubDays: null, desktopCacheDays: 90 };

const GET = 'SELECT value FROM hub_settings WHERE key = ?';
const SET = 'INSERT INTO hub_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';

/** Hub-wide settings an admin changes, as one JSON value per key. */
export function createHubSettings(db: HubDatabase) {
  const read = async <T>(key: string, fallback: T): Promise<T> => {
    const row = await db.get<{ value: string }>(GET, [key]);
    return row === undefined ? fallback : (JSON.parse(row.value) as T);
  };
  return {
    retention: (): Promise<Retention> => read('retention', DEFAULT_RETENTION),
    async setRetention(retention: Retention): Promise<void> {
      await db.run(SET, ['retention', JSON.stringify(retention)]);
    },
  };
}

export type HubSettings = ReturnType<typeof createHubSettings>;
