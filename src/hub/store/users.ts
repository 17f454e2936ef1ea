import type { Person, StaffRole, WallScreen } from '../../shared/admin';
import type { HubDatabase } from './database';

interface PersonRow {
  id: string;
  email: string;
  name: string;
  role: StaffRole | 'wallboard';
  capacity: number;
  skills: string;
  languages: string;
  deactivated_at: string | null;
}

/** A password hash no password matches: a deactivated or not-yet-set account cannot sign in with one. */
export const NO_PASSWORD = '!';

/**
 * The admin's side of the users table: everyone with their state, membership changes, deactivation.
 * Saving a user's fields stays with the account repository (routing reads it).
 */
export function createUserRepository(db: HubDatabase) {
  const statements = {
    all: db.prepare<[], PersonRow>(`SELECT * FROM users WHERE role != 'wallboard' ORDER BY name COLLATE NOCASE, id`),
    byId: db.prepare<[string], PersonRow>('SELECT * FROM users WHERE id = ?'),
    screens: db.prepare<[], PersonRow>(`SELECT * FROM users WHERE role = 'wallboard' ORDER BY name COLLATE NOCASE, id`),
    byEmail: db.prepare<[string], PersonRow>('SELECT * FROM users WHERE email = ?'),
    queuesOf: db.prepare<[string], string>('SELECT queue_id FROM queue_members WHERE user_id = ? ORDER BY queue_id').pluck(),
    clearQueues: db.prepare('DELETE FROM queue_members WHERE user_id = ?'),
    addQueue: db.prepare('INSERT OR IGNORE INTO queue_members (queue_id, user_id) VALUES (?, ?)'),
    activeAdmins: db.prepare<[], number>(`SELECT count(*) FROM users WHERE role = 'admin' AND deactivated_at IS NULL`).pluck(),
    deactivate: db.prepare('UPDATE users SET deactivated_at = ?, password_hash = ? WHERE id = ?'),
    reactivate: db.prepare('UPDATE users SET deactivated_at = NULL WHERE id = ?'),
    setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    endSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    isActive: db.prepare<[string], number>('SELECT count(*) FROM users WHERE id = ? AND deactivated_at IS NULL').pluck(),
  };
  const toPerson = (row: PersonRow): Person => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as StaffRole,
    capacity: row.capacity,
    skills: JSON.parse(row.skills) as string[],
    languages: JSON.parse(row.languages) as string[],
    queues: statements.queuesOf.all(row.id),
    isActive: row.deactivated_at === null,
  });
  return {
    people(): Person[] {
      return statements.all.all().map(toPerson);
    },
    /** Wall screens: wallboard accounts, each signed in by the token in its URL. */
    screens(): WallScreen[] {
      return statements.screens.all().map((row) => ({ id: row.id, name: row.name, queues: statements.queuesOf.all(row.id), isActive: row.deactivated_at === null }));
    },
    screen(id: string): WallScreen | null {
      const row = statements.byId.get(id);
      return row?.role === 'wallboard' ? { id: row.id, name: row.name, queues: statements.queuesOf.all(row.id), isActive: row.deactivated_at === null } : null;
    },
    person(id: string): Person | null {
      const row = statements.byId.get(id);
      return row && row.role !== 'wallboard' ? toPerson(row) : null;
    },
    personByEmail(email: string): Person | null {
      const row = statements.byEmail.get(email);
      return row ? toPerson(row) : null;
    },
    isActive(id: string): boolean {
      return statements.isActive.get(id) === 1;
    },
    /** Exactly these queues, replacing the user's memberships. */
    setQueues(userId: string, queues: readonly string[]): void {
      statements.clearQueues.run(userId);
      for (const queue of queues) statements.addQueue.run(queue, userId);
    },
    activeAdminCount(): number {
      return statements.activeAdmins.get() ?? 0;
    },
    /** Signs them out everywhere and makes their password unusable. */
    deactivate(userId: string, at: Date): void {
      statements.deactivate.run(at.toISOString(), NO_PASSWORD, userId);
      statements.endSessions.run(userId);
    },
    reactivate(userId: string): void {
      statements.reactivate.run(userId);
    },
    setPasswordHash(userId: string, hash: string): void {
      statements.setPassword.run(hash, userId);
    },
    endSessions(userId: string): void {
      statements.endSessions.run(userId);
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
