import { hashToken } from '../auth/tokens';
import type { HubDatabase } from './database';

/**
 * One-time password codes: stored only as hashes, one live code per person (a new one replaces
 * the last), used once.
 */
export function createPasswordCodeRepository(db: HubDatabase) {
  const statements = {
    clear: db.prepare('DELETE FROM password_codes WHERE user_id = ?'),
    insert: db.prepare('INSERT INTO password_codes (code_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    take: db.prepare<[string, string], { user_id: string }>('DELETE FROM password_codes WHERE code_hash = ? AND expires_at > ? RETURNING user_id'),
  };
  return {
    issue(userId: string, code: string, at: Date, expiresAt: Date): void {
      db.transaction(() => {
        statements.clear.run(userId);
        statements.insert.run(hashToken(code), userId, at.toISOString(), expiresAt.toISOString());
      })();
    },
    /** The person the code was for, or null when it is unknown, used or expired; it cannot be used again. */
    take(code: string, now: Date): string | null {
      return statements.take.get(hashToken(code), now.toISOString())?.user_id ?? null;
    },
    clearFor(userId: string): void {
      statements.clear.run(userId);
    },
  };
}

export type PasswordCodeRepository = ReturnType<typeof createPasswordCodeRepository>;
