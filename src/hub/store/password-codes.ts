import { hashToken } from '../auth/tokens';
import type { HubDatabase } from './database';

const CLEAR = 'DELETE FROM password_codes WHERE user_id = ?';
const INSERT = 'INSERT INTO password_codes (code_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)';
const TAKE = 'DELETE FROM password_codes WHERE code_hash = ? AND expires_at > ? RETURNING user_id';

/**
 * One-time password codes: stored only as hashes, one live code per person (a new one replaces
 * the last), used once.
 */
export function createPasswordCodeRepository(db: HubDatabase) {
  return {
    async issue(userId: string, code: string, at: Date, expiresAt: Date): Promise<void> {
      await db.write(async () => {
        await db.run(CLEAR, [userId]);
        await db.run(INSERT, [hashToken(code), userId, at.toISOString(), expiresAt.toISOString()]);
      });
    },
    /** The person the code was for, or null when it is unknown, used or expired; it cannot be used again. */
    async take(code: string, now: Date): Promise<string | null> {
      return (await db.get<{ user_id: string }>(TAKE, [hashToken(code), now.toISOString()]))?.user_id ?? null;
    },
    async clearFor(userId: string): Promise<void> {
      await db.run(CLEAR, [userId]);
    },
  };
}

export type PasswordCodeRepository = ReturnType<typeof createPasswordCodeRepository>;
