import { createHash } from 'node:crypto';
import type { FloorCounters } from '../store/floor-counters';

/** What one anonymous client may do in the customer chat. */
export const CHAT_LIMITS = {
  /** New chats one address may open per hour. */
  sessionsPerAddressPerHour: 10,
  /** Messages one chat may send per minute (a person types far fewer). */
  messagesPerChatPerMinute: 20,
};

export interface ChatAllowance {
  allowed: boolean;
  /** Until the window that refused it ends. */
  retryAfterMs: number;
}

/**
 * The anonymous chat's bounds, counted in the floor's counters (fixed windows, one upsert per
 * use), so a customer or an address gets the same allowance whichever replica they reach.
 */
export function createChatLimits(counters: Pick<FloorCounters, 'hit'>, limits = CHAT_LIMITS) {
  const take = async (key: string, max: number, windowMs: number): Promise<ChatAllowance> => {
    const { hits, ttlMs } = await counters.hit(key, windowMs);
    return { allowed: hits <= max, retryAfterMs: ttlMs };
  };
  return {
    /** Counts one new chat from this address. */
    newChat: (address: string) => take(`chat-sessions:${address}`, limits.sessionsPerAddressPerHour, 3600_000),
    /** Counts one message of this chat; keyed by the token's hash, so the table holds no usable token. */
    message: (token: string) => take(`chat-messages:${createHash('sha256').update(token).digest('base64url')}`, limits.messagesPerChatPerMinute, 60_000),
  };
}

export type ChatLimits = ReturnType<typeof createChatLimits>;
