import type { Role, User } from '../../shared/conversation';
import { hashToken } from '../auth/tokens';
import type { HubDatabase } from './database';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  capacity: number;
}

export interface Account extends User {
  capacity: number;
  passwordHash: string;
}

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
  const statements = {
    userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    queuesOf: db.prepare<[string], { queue_id: string }>('SELECT queue_id FROM queue_members WHERE user_id = ?'),
    insertUser: db.prepare(
      `INSERT INTO users (id, email, name, role, password_hash, capacity)
       VALUES (@id, @email, @name, @role, @passwordHash, @capacity)
       ON CONFLICT(id) DO UPDATE SET email = excluded.email, name = excluded.name, role = excluded.role,
         password_hash = excluded.password_hash, capacity = excluded.capacity`,
    ),
    insertMember: db.prepare('INSERT OR IGNORE INTO queue_members (queue_id, user_id) VALUES (?, ?)'),
    insertQueue: db.prepare('INSERT INTO queues (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name'),
    queueExists: db.prepare<[string], { id: string }>('SELECT id FROM queues WHERE id = ?'),
    agentsOfQueue: db.prepare<[string], UserRow>(
      `SELECT u.* FROM users u JOIN queue_members m ON m.user_id = u.id WHERE m.queue_id = ? AND u.role = 'agent'`,
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
    integrationByToken: db.prepare<[string], IntegrationRow>(
      'SELECT id, name, default_queue, signing_secret FROM integrations WHERE token_hash = ?',
    ),
    integrationById: db.prepare<[string], IntegrationRow>(
      'SELECT id, name, default_queue, signing_secret FROM integrations WHERE id = ?',
    ),
  };

  const toAccount = (row: UserRow): Account => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    capacity: row.capacity,
    passwordHash: row.password_hash,
    queues: statements.queuesOf.all(row.id).map((member) => member.queue_id),
  });
  const toIntegration = (row: IntegrationRow): Integration => ({
    id: row.id,
    name: row.name,
    defaultQueue: row.default_queue,
    signingSecret: row.signing_secret,
  });

  return {
    saveQueue(id: string, name: string): void {
      statements.insertQueue.run(id, name);
    },
    queueExists(id: string): boolean {
      return statements.queueExists.get(id) !== undefined;
    },
    saveUser(user: Omit<Account, 'queues'> & { queues: string[] }): void {
      db.transaction(() => {
        statements.insertUser.run(user);
        for (const queue of user.queues) statements.insertMember.run(queue, user.id);
      })();
    },
    userByEmail(email: string): Account | null {
      const row = statements.userByEmail.get(email);
      return row ? toAccount(row) : null;
    },
    userById(id: string): Account | null {
      const row = statements.userById.get(id);
      return row ? toAccount(row) : null;
    },
    agentsOfQueue(queue: string): Account[] {
      return statements.agentsOfQueue.all(queue).map(toAccount);
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
      statements.insertIntegration.run(id, name, hashToken(token), defaultQueue, signingSecret);
    },
    integrationByToken(token: string): Integration | null {
      const row = statements.integrationByToken.get(hashToken(token));
      return row ? toIntegration(row) : null;
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
