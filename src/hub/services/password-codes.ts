import type { HubDatabase } from '../store/database';
import { createPasswordCodeRepository } from '../store/password-codes';
import { createUserRepository } from '../store/users';

/** A one-time code turned into a password: the code works once, and the person's other sessions end. */
export function createPasswordCodes(db: HubDatabase, now: () => Date) {
  const codes = createPasswordCodeRepository(db);
  const users = createUserRepository(db);
  return {
    /** The user whose password is now `hash`, or null when the code is unknown, used, expired or their account inactive. */
    redeem(code: string, hash: string): string | null {
      return db.transaction(() => {
        const owner = codes.take(code, now());
        if (!owner || !users.isActive(owner)) return null;
        users.setPasswordHash(owner, hash);
        users.endSessions(owner);
        return owner;
      })();
    },
  };
}

export type PasswordCodes = ReturnType<typeof createPasswordCodes>;
