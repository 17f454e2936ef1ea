import { randomUUID } from 'node:crypto';
import type { PasswordCode } from '../../shared/admin';
import { emailSchema } from '../../shared/admin';
import { createAccountRepository } from '../store/accounts';
import { createAuditRepository } from '../store/audit';
import type { HubDatabase } from '../store/database';
import { createPasswordCodeRepository } from '../store/password-codes';
import { NO_PASSWORD } from '../store/users';
import { issuePasswordCode } from './password-codes';

/** Who the audit log names for what is done from the server's own command line. */
export const SERVER_COMMAND_LINE = { id: 'server-cli', name: 'hub command line (server)' } as const;

export class FirstAdminError extends Error {}

const ADMINS = `SELECT count(*) AS admins FROM users WHERE role = 'admin'`;

/**
 * The first admin of a hub: only from the server's command line, only while the hub has no admin.
 * They get no password, only a one-time code to set one; every later admin is made by an admin.
 */
export async function createFirstAdmin(db: HubDatabase, input: { email: string; name: string }, now: Date): Promise<{ userId: string } & PasswordCode> {
  const email = emailSchema.safeParse(input.email);
  if (!email.success) throw new FirstAdminError(`--email must be an email address (got ${JSON.stringify(input.email)}).`);
  const name = input.name.trim();
  if (!name || name.length > 120) throw new FirstAdminError('--name must be 1 to 120 characters.');
  const accounts = createAccountRepository(db);
  const audit = createAuditRepository(db);
  const codes = createPasswordCodeRepository(db);
  // One write: two commands racing (or two replicas' operators) make one first admin, not two.
  return db.write(async () => {
    const admins = (await db.get<{ admins: number }>(ADMINS))?.admins ?? 0;
    if (admins > 0) {
      throw new FirstAdminError('This hub already has an admin: further admins are made in Administration, by an admin.');
    }
    if (await accounts.userByEmail(email.data)) throw new FirstAdminError(`${email.data} already has an account on this hub.`);
    const userId = `u_${randomUUID()}`;
    await accounts.saveUser({ id: userId, email: email.data, name, role: 'admin', capacity: 0, passwordHash: NO_PASSWORD, queues: [] });
    const issued = await issuePasswordCode(codes, userId, now);
    await audit.record({
      at: now.toISOString(),
      actor: SERVER_COMMAND_LINE,
      action: 'person.created',
      target: { kind: 'person', id: userId },
      after: { email: email.data, name, role: 'admin' },
    });
    return { userId, ...issued };
  });
}
