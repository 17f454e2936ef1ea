import { createHash, randomBytes } from 'node:crypto';

/** Tokens are stored only as hashes, so a copy of the database does not hand out sessions. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newToken = (): string => randomBytes(32).toString('base64url');
