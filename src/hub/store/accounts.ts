import type { Role, User } from '../../shared/conversation';
import type { ServiceLevelTarget } from '../../shared/service-level';
import { hashToken } from '../auth/tokens';
import type { HubDatabase } from './database';
import { secretBoxOf, signingSecretPurpose } from './secret-box';

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

/** Users, their queues, sessions and integrations: who may do what. */
export function createAccountRepository(db: HubDatabase) {
  // Signing secrets are sealed at rest (see secret-box); only these functions see them in the clear.
  const box = secretBoxOf(db);
  const sealed = (id: string, secret: string | null) => (secret === null ? null : box.seal(secret, signingSecretPurpose(id)));
  const statements = {
    userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    setPasswordHash: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    queuesOf: db.prepare<[string], { queue_id: string }>('SELECT queue_id FROM queue_members WHERE user_id = ?'),
    insertUser: db.prepare(
      `INSERT INTO users (id, email, name, role, password_hash, capacity, skills, languages)
       VALUES (@id, @email, @name, @role, @passwordHash, @capacity, @skills, @languages)
       ON CONFLICT(id) DO UPDATE SET email = excluded.email, name = excluded.name, role = excluded.role,
         password_hash = excluded.password_hash, capacity = excluded.capacity, skills = excluded.skills,
         languages = excluded.languages`,
    ),
    insertMember: db.prepare('INSERT OR IGNORE INTO queue_members (queue_id, user_id) VALUES (?, ?)'),
    insertQueue: db.prepare(
      `INSERT INTO queues (id, name, required_skills, language) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, required_skills = excluded.required_skills, language = excluded.language`,
    ),
    queueExists: db.prepare<[string], { id: string }>('SELECT id FROM queues WHERE id = ?'),
    queueById: db.prepare<[string], QueueRow>('SELECT * FROM queues WHERE id = ?'),
    allQueues: db.prepare<[], QueueRow>('SELECT * FROM queues ORDER BY id'),
    allAgents: db.prepare<[], UserRow>(`SELECT * FROM users WHERE role = 'agent' AND deactivated_at IS NULL ORDER BY name, id`),
    agentsOfQueue: db.prepare<[string], UserRow>(
      `SELECT u.* FROM users u JOIN queue_members m ON m.user_id = u.id
       WHERE m.queue_id = ? AND u.role = 'agent' AND u.deactivated_at IS NULL`,
    ),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    session: db.prepare<[string, string], { user_id: string }>(
      'SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?',
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    insertIntegration: db.prepare(
      `INSERT INTO integrations (id, name, token_hash, default_queue, signing_secret) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash,
         default_queue = excluded.default_queue, signing_secret = excluded.signing_secret`,
    ),
    // A rotated-out token keeps working until its overlap ends; a revoked integration takes none.
    integrationByToken: db.prepare<{ hash: string; now: string }, IntegrationRow>(
      `SELECT id, name, default_queue, signing_secret FROM integrations
       WHERE (token_hash = @hash OR (previous_token_hash = @hash AND previous_token_expires_at > @now)) AND revoked_at IS NULL`,
    ),
    integrationById: db.prepare<[string], IntegrationRow>(
      'SELECT id, name, default_queue, signing_secret FROM integrations WHERE id = ?',
    ),
    setSigningSecret: db.prepare('UPDATE integrations SET signing_secret = ? WHERE id = ?'),
  };

  const toAccount = (row: UserRow): Account => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    capacity: row.capacity,
    passwordHash: row.password_hash,
    skills: JSON.parse(row.skills) as string[],
    languages: JSON.parse(row.languages) as string[],
    queues: statements.queuesOf.all(row.id).map((member) => member.queue_id),
  });
  const toQueue = (row: QueueRow): Queue => ({
    id: row.id,
    name: row.name,
    requiredSkills: JSON.parse(row.required_skills) as string[],
    language: row.language,
    offerTimeoutSeconds: row.offer_timeout_seconds,
    serviceLevel: { targetSeconds: row.service_level_seconds, thresholdPercent: row.service_level_percent },
  });
  const toIntegration = (row: IntegrationRow): Integration => ({
    id: row.id,
    name: row.name,
    defaultQueue: row.default_queue,
    signingSecret: row.signing_secret === null ? null : box.open(row.signing_secret, signingSecretPurpose(row.id)),
  });

  // Routing reads a queue's members on every change to that queue; they change only through
  // saveUser, so they are read from SQLite (and their JSON parsed) once per change of the roster.
  const membersOfQueue = new Map<string, readonly Account[]>();

  return {
    saveQueue(id: string, name: string, needs: { requiredSkills?: string[]; language?: string | null } = {}): void {
      statements.insertQueue.run(id, name, JSON.stringify(needs.requiredSkills ?? []), needs.language ?? null);
    },
    queue(id: string): Queue | null {
      const row = statements.queueById.get(id);
      return row ? toQueue(row) : null;
    },
    queues(): Queue[] {
      return statements.allQueues.all().map(toQueue);
    },
    /** Every agent, for the supervisors' and wallboard's view of the room. */
    agents(): Account[] {
      return statements.allAgents.all().map(toAccount);
    },
    queueExists(id: string): boolean {
      return statements.queueExists.get(id) !== undefined;
    },
    saveUser(user: NewAccount): void {
      db.transaction(() => {
        statements.insertUser.run({
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          passwordHash: user.passwordHash,
          capacity: user.capacity,
          skills: JSON.stringify(user.skills ?? []),
          languages: JSON.stringify(user.languages ?? []),
        });
        for (const queue of user.queues) statements.insertMember.run(queue, user.id);
      })();
      membersOfQueue.clear();
    },
    userByEmail(email: string): Account | null {
      const row = statements.userByEmail.get(email);
      return row ? toAccount(row) : null;
    },
    userById(id: string): Account | null {
      const row = statements.userById.get(id);
      return row ? toAccount(row) : null;
    },
    /** A stronger hash of the same password, made at sign-in (see needsRehash). */
    setPasswordHash(id: string, passwordHash: string): void {
      statements.setPasswordHash.run(passwordHash, id);
    },
    /** Memberships or deactivations changed outside saveUser: routing reads the roster again. */
    rosterChanged(): void {
      membersOfQueue.clear();
    },
    /** The queue's member agents; the same frozen list until the roster changes, so do not mutate it. */
    agentsOfQueue(queue: string): readonly Account[] {
      let members = membersOfQueue.get(queue);
      if (!members) {
        members = Object.freeze(statements.agentsOfQueue.all(queue).map(toAccount));
        membersOfQueue.set(queue, members);
      }
      return members;
    },
    createSession(token: string, userId: string, now: Date, ttlMs: number): void {
      statements.insertSession.run(hashToken(token), userId, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString());
    },
    userForSession(token: string, now: Date): Account | null {
      const row = statements.session.get(hashToken(token), now.toISOString());
      return row ? this.userById(row.user_id) : null;
    },
    endSession(token: string): void {
      statements.deleteSession.run(hashToken(token));
    },
    saveIntegration(id: string, name: string, token: string, defaultQueue: string, signingSecret: string | null = null): void {
      statements.insertIntegration.run(id, name, hashToken(token), defaultQueue, sealed(id, signingSecret));
    },
    integrationByToken(token: string): Integration | null {
      const row = statements.integrationByToken.get({ hash: hashToken(token), now: new Date().toISOString() });
      return row ? toIntegration(row) : null;
    },
    /** The secret its webhooks are signed with, and the hub's callbacks to it; null: unsigned both ways. */
    setSigningSecret(id: string, secret: string | null): void {
      statements.setSigningSecret.run(sealed(id, secret), id);
    },
    integrationById(id: string): Integration | null {
      const row = statements.integrationById.get(id);
      return row ? toIntegration(row) : null;
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
