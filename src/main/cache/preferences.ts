import type Database from 'better-sqlite3';
import type { Preferences } from '../../shared/ipc';

interface PreferencesRow {
  do_not_disturb: number;
  sound: number;
}

/** How long an announcement is remembered: far longer than any offer stays open. */
const ANNOUNCED_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Workstation preferences and the announced-notification record (migration 002). Both survive
 * sign-out: they belong to the workstation, not to the session.
 */
export function createPreferencesRepository(db: Database.Database) {
  const select = db.prepare<[], PreferencesRow>('SELECT do_not_disturb, sound FROM preferences WHERE id = 1');
  const update = db.prepare<[{ doNotDisturb: number; sound: number }]>(
    'UPDATE preferences SET do_not_disturb = @doNotDisturb, sound = @sound WHERE id = 1',
  );
  const insertAnnounced = db.prepare<[string, number]>('INSERT OR IGNORE INTO announced (key, at_ms) VALUES (?, ?)');
  const prune = db.prepare<[number]>('DELETE FROM announced WHERE at_ms < ?');
  const wipe = db.prepare('DELETE FROM announced');

  const get = (): Preferences => {
    const row = select.get();
    return { doNotDisturb: row?.do_not_disturb === 1, sound: row?.sound === 1 };
  };

  return {
    get,
    update(change: Partial<Preferences>): Preferences {
      const next = { ...get(), ...change };
      update.run({ doNotDisturb: next.doNotDisturb ? 1 : 0, sound: next.sound ? 1 : 0 });
      return next;
    },
    /**
     * Records that `key` was announced; false when it already was. Check and record are one
     * statement, so two paths racing to announce the same offer cannot both win.
     */
    claimAnnouncement(key: string, nowMs: number): boolean {
      prune.run(nowMs - ANNOUNCED_KEEP_MS);
      return insertAnnounced.run(key, nowMs).changes === 1;
    },
    forgetAnnouncements(): void {
      wipe.run();
    },
  };
}

export type PreferencesRepository = ReturnType<typeof createPreferencesRepository>;
