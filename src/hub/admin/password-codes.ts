import { randomInt } from 'node:crypto';
import type { PasswordCode } from '../../shared/admin';
import type { PasswordCodeRepository } from '../store/password-codes';

/** How long a one-time password code works: long enough to reach someone through another channel. */
export const PASSWORD_CODE_TTL_MS = 72 * 3600_000;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The page on the hub where a code is turned into a password. */
export const setPasswordPath = (code: string): string => `/set-password#code=${encodeURIComponent(code)}`;

/** A fresh one-time code for the person; any earlier code of theirs stops working. */
export async function issuePasswordCode(codes: PasswordCodeRepository, userId: string, now: Date): Promise<PasswordCode> {
  // 20 symbols of 32 (100 bits) without look-alikes, in groups, for typing from another screen.
  const symbols = Array.from({ length: 20 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const code = symbols.match(/.{5}/g)!.join('-');
  const expiresAt = new Date(now.getTime() + PASSWORD_CODE_TTL_MS);
  await codes.issue(userId, code, now, expiresAt);
  return { code, expiresAt: expiresAt.toISOString() };
}
