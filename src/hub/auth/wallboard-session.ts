import type { HubDatabase } from '../store/database';
import { hashToken } from './tokens';

/** How long a wallboard's session lasts past its last use: a screen on a wall is never signed out while it runs. */
export const WALLBOARD_SESSION_TTL_MS = 30 * 24 * 3600_000;

const EXTEND = `UPDATE sessions SET expires_at = ?
  WHERE token_hash = ? AND expires_at < ? AND user_id IN (SELECT id FROM users WHERE role = 'wallboard')`;

/**
 * Sliding expiry for wallboard sessions only. Agents and supervisors keep the hub's fixed session
 * lifetime; a wall screen has nobody in front of it to sign in again, so each use pushes its
 * expiry forward (the board refreshes its snapshot every few minutes, which is that use).
 */
export function createWallboardSessions(db: HubDatabase) {
  return {
    async renew(token: string, now: Date): Promise<void> {
      const expiresAt = new Date(now.getTime() + WALLBOARD_SESSION_TTL_MS).toISOString();
      await db.run(EXTEND, [expiresAt, hashToken(token), expiresAt]);
    },
  };
}

export type WallboardSessions = ReturnType<typeof createWallboardSessions>;
