import type { Retention } from '../../shared/admin';
import type { HubDatabase } from './database';

export const DEFAULT_RETENTION: Retention = { hubDays: null, desktopCacheDays: 90 };

/** Hub-wide settings an admin changes, as one JSON value per key. */
export function createHubSettings(db: HubDatabase) {
  const statements = {
    get: db.prepare<[string], string>('SELECT value FROM hub_settings WHERE key = ?').pluck(),
    set: db.prepare('INSERT INTO hub_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };
  const read = <T>(key: string, fallback: T): T => {
    const value = statements.get.get(key);
    return value === undefined ? fallback : (JSON.parse(value) as T);
  };
  return {
    retention: (): Retention => read('retention', DEFAULT_RETENTION),
    setRetention(retention: Retention): void {
      statements.set.run('retention', JSON.stringify(retention));
    },
  };
}

export type HubSettings = ReturnType<typeof createHubSettings>;
