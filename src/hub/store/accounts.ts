import type { Role, User } from '../../shared/conversation';
import type { ServiceLevelTarget } from '../../shared/service-level';
import { hashToken } from '../auth/tokens';
import type { HubDatabase } from './database';
import { secretBoxOf, signingSecretPurpose } from './secret-box';
import { columnsOf } from './sql/columns';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  capacity: number;
  skills: string;
  languages: string;
}

interface QueueRow {
  id: string;
  name: string;
  required_skills: string;
  language: string | null;
  offer_timeout_seconds: number | null;
  service_level_seconds: number;
  service_level_percent: number;
}

/** A queue and what routing requires of an agent before offering its conversations. */
export interface Queue {
  id: string;
  name: string;
  requiredSkills: string[];
  language: string | null;
  /** Seconds an agent has to accept an offer in this queue (set in Administration); null: the hub's default. */
  offerTimeoutSeconds?: number | null;
  /** The service-level target and goal the console and the wallboard measure this queue by. */
  serviceLevel: ServiceLevelTarget;
}

export interface Account extends User {
  capacity: number;
  passwordHash: string;
  skills: string[];
  languages: string[];
}

/** What saving a user needs; skills and languages default to none. */
export type NewAccount = Omit<Account, 'skills' | 'languages'> & { skills?: string[]; languages?: string[] };

export interface Integration {
  id: string;
  name: string;
  defaultQueue: string;
  /** When set, every webhook from this integration must be signed with it (Standard Webhooks). */
  signingSecret: string | null;
}

interface IntegrationRow {
  id: string;
  name: string;
  default_queue: string;
  signing_secret: string | null;
}

const USER = columnsOf<UserRow>();
const USER_FIELDS = ['id', 'email', 'name', 'role', 'password_hash', 'capacity', 'skills', 'languages'] as const;
const USER_COLUMNS = USER(USER_FIELDS);
const QUEUE_COLUMNS = columnsOf<QueueRow>()(['id', 'name', 'required_skills', 'language', 'offer_timeout_seconds', 'service_level_seconds', 'service_level_percent']);
const USER_BY_EMAIL = `SELECT ${USER_COLUMNS} FROM users WHERE email = ?`;
const USER_BY_ID = `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`;
const SET_PASSWORD_HASH = 'UPDATE users SET password_hash = ? WHERE id = ?';
const QUEUES_OF = 'SELECT queue_id FROM queue_members WHERE user_id = ? ORDER BY queue_id';
const INSERT_USER = `INSERT INTO users (id, email, name, role, password_hash, capacity, skills, languages)
  VALUES (@id, @email, @name, @role, @passwordHash, @capacity, @skills, @languages)
  ON CONFLICT(id) DO UPDATE SET email = excluded.email, name = excluded.name, role = excluded.role,
    password_hash = excluded.password_hash, capacity = excluded.capacity, skills = excluded.skills,
    languages = excluded.languages`;
const INSERT_MEMBER = 'INSERT INTO queue_members (queue_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING';
const INSERT_QUEUE = `INSERT INTO queues (id, name, required_skills, language) VALUES (?, ?, ?, ?)
  ON CONFLICT(id) DO UPDATE SET name = excluded.name, required_skills = excluded.required_skills, language = excluded.language`;
const QUEUE_EXISTS = 'SELECT id FROM queues WHERE id = ?';
const QUEUE_BY_ID = `SELECT ${QUEUE_COLUMNS} FROM queues WHERE id = ?`;
const ALL_QUEUES = `SELECT ${QUEUE_COLUMNS} FROM queues ORDER BY id`;
const ALL_AGENTS = `SELECT ${USER_COLUMNS} FROM users WHERE role = 'agent' AND deactivated_at IS NULL ORDER BY name, id`;
const AGENTS_OF_QUEUE = `SELECT ${USER(USER_FIELDS, 'u')} FROM users u JOIN queue_members m ON m.user_id = u.id
  WHERE m.queue_id = ? AND u.role = 'agent' AND u.deactivated_at IS NULL ORDER BY u.id`;
/** The memberships of every active agent of one queue, read with them (one query, not one per agent). */
const QUEUES_OF_QUEUE_AGENTS = `SELECT m.user_id, m.queue_id FROM queue_members m
  WHERE m.user_id IN (SELECT u.id FROM users u JOIN queue_members q ON q.user_id = u.id
    WHERE q.queue_id = ? AND u.role = 'agent' AND u.deactivated_at IS NULL)
  ORDER BY m.user_id, m.queue_id`;
const QUEUES_OF_AGENTS = `SELECT m.user_id, m.queue_id FROM queue_members m JOIN users u ON u.id = m.user_id
  WHERE u.role = 'agent' AND u.deactivated_at IS NULL ORDER BY m.user_id, m.queue_id`;
const INSERT_SESSION = 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)';
const SESSION = 'SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?';
const DELETE_SESSION = 'DELETE FROM sessions WHERE token_hash = ?';
const INSERT_INTEGRATION = `INSERT INTO integrations (id, name, token_hash, default_queue, signing_secret) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT(id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash,
    default_queue = excluded.default_queue, signing_secret = excluded.signing_secret`;
// A rotated-out token keeps working until its overlap ends; a revoked integration takes none.
const INTEGRATION_BY_TOKEN = `SELECT id, name, default_queue, signing_secret FROM integrations
  WHERE (token_hash = @hash OR (previous_token_hash = @hash AND previous_token_expires_at > @now)) AND revoked_at IS NULL`;
const INTEGRATION_BY_ID = 'SELECT id, name, default_queue, signing_secret FROM integrations WHERE id = ?';
const SET_SIGNING_SECRET = 'UPDATE integrations SET signing_secret = ? WHERE id = ?';

const toQueue = (row: QueueRow): Queue => ({
  id: row.id,
  name: row.name,
  requiredSkills: JSON.parse(row.required_skills) as string[],
  language: row.language,
  offerTimeoutSeconds: row.offer_timeout_seconds,
  serviceLevel: { targetSeconds: row.service_level_seconds, thresholdPercent: row.service_level_percent },
});

const toAccount = (row: UserRow, queues: string[]): Account => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  capacity: row.capacity,
  passwordHash: row.password_hash,
  skills: JSON.parse(row.skills) as string[],
  languages: JSON.parse(row.languages) as string[],
  queues,
});

/** Accounts of many users, with the memberships read beside them in one query. */
function withQueues(rows: UserRow[], memberships: { user_id: string; queue_id: string }[]): Account[] {
  const queuesOf = new Map<string, string[]>();
  for (const { user_id: userId, queue_id: queueId } of memberships) queuesOf.set(userId, [...(queuesOf.get(userId) ?? []), queueId]);
  return rows.map((row) => toAccount(row, queuesOf.get(row.id) ?? []));
}

/**
 * Users, their queues, sessions and integrations: who may do what. Nothing is cached in the
 * process: another replica may change the roster at any moment.
 */
export function createAccountRepository(db: HubDatabase) {
  // Signing secrets are sealed at rest (see secret-box); only these functions see them in the clear.
  const box = secretBoxOf(db);
  const sealed = (id: string, secret: string | null) => (secret === null ? null : box.seal(secret, signingSecretPurpose(id)));
  const account = async (row: UserRow | undefined): Promise<Account | null> =>
    row ? toAccount(row, (await db.all<{ queue_id: string }>(QUEUES_OF, [row.id])).map((member) => member.queue_id)) : null;
  const toIntegration = (row: IntegrationRow): Integration => ({
    id: row.id,
    name: row.name,
    defaultQueue: row.default_queue,
    signingSecret: row.signing_secret === null ? null : box.open(row.signing_secret, signingSecretPurpose(row.id)),
  });
  const integration = (row: IntegrationRow | undefined): Integration | null => (row ? toIntegration(row) : null);

  return {
    async saveQueue(id: string, name: string, needs: { requiredSkills?: string[]; language?: string | null } = {}): Promise<void> {
      await db.run(INSERT_QUEUE, [id, name, JSON.stringify(needs.requiredSkills ?? []), needs.language ?? null]);
    },
    async queue(id: string): Promise<Queue | null> {
      const row = await db.get<QueueRow>(QUEUE_BY_ID, [id]);
      return row ? toQueue(row) : null;
    },
    async queues(): Promise<Queue[]> {
      return (await db.all<QueueRow>(ALL_QUEUES)).map(toQueue);
    },
    /** Every agent, for the supervisors' and wallboard's view of the room. */
    async agents(): Promise<Account[]> {
      return withQueues(await db.all<UserRow>(ALL_AGENTS), await db.all(QUEUES_OF_AGENTS));
    },
    async queueExists(id: string): Promise<boolean> {
      return (await db.get(QUEUE_EXISTS, [id])) !== undefined;
    },
    async saveUser(user: NewAccount): Promise<void> {
      await db.write(async () => {
        await db.run(INSERT_USER, {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          passwordHash: user.passwordHash,
          capacity: user.capacity,
          skills: JSON.stringify(user.skills ?? []),
          languages: JSON.stringify(user.languages ?? []),
        });
        for (const queue of user.queues) await db.run(INSERT_MEMBER, [queue, user.id]);
      });
    },
    async userByEmail(email: string): Promise<Account | null> {
      return account(await db.get<UserRow>(USER_BY_EMAIL, [email]));
    },
    async userById(id: string): Promise<Account | null> {
      return account(await db.get<UserRow>(USER_BY_ID, [id]));
    },
    /** A stronger hash of the same password, made at sign-in (see needsRehash). */
    async setPasswordHash(id: string, passwordHash: string): Promise<void> {
      await db.run(SET_PASSWORD_HASH, [passwordHash, id]);
    },
    /** The queue's active member agents, as the store holds them now. */
    async agentsOfQueue(queue: string): Promise<Account[]> {
      return withQueues(await db.all<UserRow>(AGENTS_OF_QUEUE, [queue]), await db.all(QUEUES_OF_QUEUE_AGENTS, [queue]));
    },
    async createSession(token: string, userId: string, now: Date, ttlMs: number): Promise<void> {
      await db.run(INSERT_SESSION, [hashToken(token), userId, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString()]);
    },
    async userForSession(token: string, now: Date): Promise<Account | null> {
      const row = await db.get<{ user_id: string }>(SESSION, [hashToken(token), now.toISOString()]);
      return row ? account(await db.get<UserRow>(USER_BY_ID, [row.user_id])) : null;
    },
    async endSession(token: string): Promise<void> {
      await db.run(DELETE_SESSION, [hashToken(token)]);
    },
    async saveIntegration(id: string, name: string, token: string, defaultQueue: string, signingSecret: string | null = null): Promise<void> {
      await db.run(INSERT_INTEGRATION, [id, name, hashToken(token), defaultQueue, sealed(id, signingSecret)]);
    },
    async integrationByToken(token: string): Promise<Integration | null> {
      return integration(await db.get<IntegrationRow>(INTEGRATION_BY_TOKEN, { hash: hashToken(token), now: new Date().toISOString() }));
    },
    /** The secret its webhooks are signed with, and the hub's callbacks to it; null: unsigned both ways. */
    async setSigningSecret(id: string, secret: string | null): Promise<void> {
      await db.run(SET_SIGNING_SECRET, [sealed(id, secret), id]);
    },
    async integrationById(id: string): Promise<Integration | null> {
      return integration(await db.get<IntegrationRow>(INTEGRATION_BY_ID, [id]));
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;

export const publicUser = (account: Account): User => ({
  id: account.id,
  email: account.email,
  name: account.name,
  role: account.role,
  queues: account.queues,
});
