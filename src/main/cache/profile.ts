import type Database from 'better-sqlite3';
import type { User } from '../../shared/conversation';

/** The one signed-in workstation profile. */
export interface Profile {
  user: User;
  hubUrl: string;
  token: string;
}

interface ProfileRow {
  user: string;
  hub_url: string;
  token: string;
}

/**
 * The profile and the sync cursor. The token is stored as given, in a file only the user can read;
 * a shell that has an OS keychain (Electron's safeStorage) should pass it encrypted.
 *
 * `setLastSeq` belongs in the same transaction as the events it covers, so a crash can replay
 * events (every write here is idempotent) but never skip them: see `inTransaction` in database.ts.
 */
export function createProfileRepository(db: Database.Database) {
  const select = db.prepare<[], ProfileRow>('SELECT user, hub_url, token FROM profile WHERE id = 1');
  const upsert = db.prepare<[{ user: string; hubUrl: string; token: string }]>(`
    INSERT INTO profile (id, user, hub_url, token) VALUES (1, @user, @hubUrl, @token)
    ON CONFLICT (id) DO UPDATE SET user = excluded.user, hub_url = excluded.hub_url, token = excluded.token
  `);
  const remove = db.prepare('DELETE FROM profile');
  const selectSeq = db.prepare<[], number>('SELECT last_seq FROM sync_state WHERE id = 1').pluck();
  const updateSeq = db.prepare<[number]>('UPDATE sync_state SET last_seq = ? WHERE id = 1');

  // A cursor belongs to one user's stream: signing out restarts the next session from the beginning.
  const clear = db.transaction(() => {
    remove.run();
    updateSeq.run(0);
  });

  return {
    get(): Profile | null {
      const row = select.get();
      return row ? { user: JSON.parse(row.user) as User, hubUrl: row.hub_url, token: row.token } : null;
    },
    save(profile: Profile): void {
      upsert.run({ user: JSON.stringify(profile.user), hubUrl: profile.hubUrl, token: profile.token });
    },
    clear(): void {
      clear();
    },
    lastSeq(): number {
      return selectSeq.get() ?? 0;
    },
    setLastSeq(seq: number): void {
      if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`A sequence number is a whole number ≥ 0, not ${seq}`);
      updateSeq.run(seq);
    },
    /** Runs `fn` in one transaction (nested repository calls become savepoints). Never async. */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type ProfileRepository = ReturnType<typeof createProfileRepository>;
