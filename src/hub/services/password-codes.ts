import type { HubDatabase } from '../store/database';
import { createPasswordCodeRepository } from '../store/password-codes';
import { createUserRepository } from '../store/users';

/** A one-time code turned into a password: the code works once, and the person's other sessions end. */
export function createPasswordCodes(db: HubDatabase, now: () => Date) {
  const codes = createPasswordCodeRepository(db);
  const users = createUserRepository(db);
  return {
    /** The user whose password is now `hash`, or null when the code is unknown, used, expired or their account inactive. */
    async redeem(code: string, hash: string): Promise<string | null> {
      // Taken and spent in one write: a code raced from two replicas works once.
      return db.write(async () => {
        const owner = await codes.take(code, now());
        if (!owner || !(await users.isActive(owner))) return null;
        await users.setPasswordHash(owner, hash);
        await users.endSessions(owner);
        return owner;
      });
    },
  };
}

export type PasswordCodes = ReturnType<typeof createPasswordCodes>;
