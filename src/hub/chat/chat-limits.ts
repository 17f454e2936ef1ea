/** What one anonymous client may do in the customer chat. */
export const CHAT_LIMITS = {
  /** New chats one address may open per hour. */
  sessionsPerAddressPerHour: 10,
  /** Messages one chat may send per minute (a person types far fewer). */
  messagesPerChatPerMinute: 20,
};

/**
 * Fixed windows per key, for the anonymous chat's bounds. In memory and per process: the chat is
 * a demo or a single hub's front door, and a restart forgetting the counts costs an abuser little.
 */
export function createWindowCounter(max: number, windowMs: number, now: () => number = Date.now) {
  const windows = new Map<string, { count: number; startedAt: number }>();
  return {
    /** Counts one use; false when the key has used up its window. */
    take(key: string): boolean {
      const at = now();
      let window = windows.get(key);
      if (!window || at - window.startedAt >= windowMs) {
        windows.delete(key);
        window = { count: 0, startedAt: at };
        windows.set(key, window);
        // Oldest first: drop the windows that are over.
        for (const [other, open] of windows) {
          if (at - open.startedAt < windowMs) break;
          windows.delete(other);
        }
      }
      window.count += 1;
      return window.count <= max;
    },
  };
}
