/** How often at most a supervisor's monitor hears "agent is typing" from one conversation. */
export const TYPING_SIGNAL_INTERVAL_MS = 3000;

/**
 * Throttles the typing signal: one per conversation per interval while the agent types, so a
 * monitoring supervisor sees "typing…" without a hub call per keystroke.
 */
export function createTypingSignal(send: (conversationId: string) => void, now: () => number = Date.now) {
  const lastSent = new Map<string, number>();
  return (conversationId: string, text: string): void => {
    if (!text.trim()) return;
    const at = now();
    const previous = lastSent.get(conversationId);
    if (previous !== undefined && at - previous < TYPING_SIGNAL_INTERVAL_MS) return;
    lastSent.set(conversationId, at);
    send(conversationId);
  };
}
