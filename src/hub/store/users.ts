import type { Person, StaffRole, WallScreen } from '../../shared/admin';
import type { HubDatabase } from './database';
import { columnsOf } from './sql/columns';

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

const PERSON = columnsOf<PersonRow>()(['id', 'email', 'name', 'role', 'capacity', 'skills', 'languages', 'deactivated_at']);
const ALL = `SELECT ${PERSON} FROM users WHERE role != 'wallboard' ORDER BY lower(name), id`;
const BY_ID = `SELECT ${PERSON} FROM users WHERE id = ?`;
const SCREENS = `SELECT ${PERSON} FROM users WHERE role = 'wallboard' ORDER BY lower(name), id`;
const BY_EMAIL = `SELECT ${PERSON} FROM users WHERE email = ?`;
const QUEUES_OF = 'SELECT queue_id FROM queue_members WHERE user_id = ? ORDER BY queue_id';
const CLEAR_QUEUES = 'DELETE FROM queue_members WHERE user_id = ?';
const ADD_QUEUE = 'INSERT INTO queue_members (queue_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING';
const ACTIVE_ADMINS = `SELECT count(*) AS n FROM users WHERE role = 'admin' AND deactivated_at IS NULL`;
const DEACTIVATE = 'UPDATE users SET deactivated_at = ?, password_hash = ? WHERE id = ?';
const REACTIVATE = 'UPDATE users SET deactivated_at = NULL WHERE id = ?';
const SET_PASSWORD = 'UPDATE users SET password_hash = ? WHERE id = ?';
const END_SESSIONS = 'DELETE FROM sessions WHERE user_id = ?';
const IS_ACTIVE = 'SELECT count(*) AS n FROM users WHERE id = ? AND deactivated_at IS NULL';

/**
 * The admin's side of the users table: everyone with their state, membership changes, deactivation.
 * Saving a user's fields stays with the account repository (routing reads it).
 */
export function createUserRepository(db: HubDatabase) {
  const queuesOf = async (userId: string): Promise<string[]> => (await db.all<{ queue_id: string }>(QUEUES_OF, [userId])).map((row) => row.queue_id);
  const toPerson = async (row: PersonRow): Promise<Person> => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as StaffRole,
    capacity: row.capacity,
    skills: JSON.parse(row.skills) as string[],
    languages: JSON.parse(row.languages) as string[],
    queues: await queuesOf(row.id),
    isActive: row.deactivated_at === null,
  });
  const toScreen = async (row: PersonRow): Promise<WallScreen> => ({ id: row.id, name: row.name, queues: await queuesOf(row.id), isActive: row.deactivated_at === null });
  return {
    async people(): Promise<Person[]> {
      const people: Person[] = [];
      for (const row of await db.all<PersonRow>(ALL)) people.push(await toPerson(row));
      return people;
    },
    /** Wall screens: wallboard accounts, each signed in by the token in its URL. */
    async screens(): Promise<WallScreen[]> {
      const screens: WallScreen[] = [];
      for (const row of await db.all<PersonRow>(SCREENS)) screens.push(await toScreen(row));
      return screens;
    },
    async screen(id: string): Promise<WallScreen | null> {
      const row = await db.get<PersonRow>(BY_ID, [id]);
      return row?.role === 'wallboard' ? toScreen(row) : null;
    },
    async person(id: string): Promise<Person | null> {
      const row = await db.get<PersonRow>(BY_ID, [id]);
      return row && row.role !== 'wallboard' ? toPerson(row) : null;
    },
    async personByEmail(email: string): Promise<Person | null> {
      const row = await db.get<PersonRow>(BY_EMAIL, [email]);
      return row ? toPerson(row) : null;
    },
    async isActive(id: string): Promise<boolean> {
      return (await db.get<{ n: number }>(IS_ACTIVE, [id]))?.n === 1;
    },
    /** Exactly these queues, replacing the user's memberships. */
    async setQueues(userId: string, queues: readonly string[]): Promise<void> {
      await db.write(async () => {
        await db.run(CLEAR_QUEUES, [userId]);
        for (const queue of queues) await db.run(ADD_QUEUE, [queue, userId]);
      });
    },
    async activeAdminCount(): Promise<number> {
      return (await db.get<{ n: number }>(ACTIVE_ADMINS))?.n ?? 0;
    },
    /** Signs them out everywhere and makes their password unusable. */
    async deactivate(userId: string, at: Date): Promise<void> {
      await db.write(async () => {
        await db.run(DEACTIVATE, [at.toISOString(), NO_PASSWORD, userId]);
        await db.run(END_SESSIONS, [userId]);
      });
    },
    async reactivate(userId: string): Promise<void> {
      await db.run(REACTIVATE, [userId]);
    },
    async setPasswordHash(userId: string, hash: string): Promise<void> {
      await db.run(SET_PASSWORD, [hash, userId]);
    },
    async endSessions(userId: string): Promise<void> {
      await db.run(END_SESSIONS, [userId]);
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
