import { z } from 'zod';
import type { Wakeups } from '../cluster/wakeups';

const DISCONNECT_CHANNEL = 'hub_disconnect';
const TYPING_CHANNEL = 'hub_typing';
/** Supervisors named in one typing signal: a notification carries at most 8 kB. */
export const MAX_TYPING_MONITORS = 50;

const id = z.string().min(1).max(200);
const disconnectSchema = z.strictObject({ userId: id });
const typingSchema = z.strictObject({
  conversationId: id,
  integrationId: id,
  agentId: id,
  at: z.string().max(40),
  /** The supervisors watching the conversation, read once by the replica the agent's desk posted to. */
  monitors: z.array(id).max(MAX_TYPING_MONITORS),
});
export type TypingSignal = z.infer<typeof typingSchema>;

export interface FloorCommandsDeps {
  wakeups: Pick<Wakeups, 'notify' | 'onWake'>;
  /** Closes this replica's streams of the user (their sessions are already gone from the store). */
  disconnectUser(userId: string): void;
  /** A command may have been missed (the LISTEN connection was down): check this replica's streams against the store. */
  recheckSessions(): void;
  /** Shows an agent's typing to what this replica holds: monitoring supervisors' streams, the customer's chat window. */
  typing(signal: TypingSignal): void;
  onError?(error: unknown): void;
}

function parse<T>(schema: z.ZodType<T>, payload: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Commands that act on connections, wherever on the floor they are: a NOTIFY payload reaches every
 * replica, the sender's own at once in process. Nothing here is a fact to keep: an ended session
 * is already gone from the store (a replica that may have missed the command checks its streams
 * against it), and typing is stale within seconds, so a lost signal is simply not shown.
 */
export function createFloorCommands(deps: FloorCommandsDeps) {
  const malformed = (channel: string) => deps.onError?.(new Error(`a malformed ${channel} notification was ignored`));
  const unsubscribe = [
    deps.wakeups.onWake(DISCONNECT_CHANNEL, (payload) => {
      if (payload === undefined) return deps.recheckSessions();
      const command = parse(disconnectSchema, payload);
      if (command) deps.disconnectUser(command.userId);
      else malformed(DISCONNECT_CHANNEL);
    }),
    deps.wakeups.onWake(TYPING_CHANNEL, (payload) => {
      if (payload === undefined) return;
      const signal = parse(typingSchema, payload);
      if (signal) deps.typing(signal);
      else malformed(TYPING_CHANNEL);
    }),
  ];
  return {
    /** Closes the user's streams on every replica. */
    disconnectUser(userId: string): void {
      void deps.wakeups.notify(DISCONNECT_CHANNEL, JSON.stringify({ userId }));
    },
    /** The agent is typing: every replica shows it to whom it concerns. */
    typing(signal: TypingSignal): void {
      void deps.wakeups.notify(TYPING_CHANNEL, JSON.stringify({ ...signal, monitors: signal.monitors.slice(0, MAX_TYPING_MONITORS) }));
    },
    stop(): void {
      for (const stop of unsubscribe) stop();
    },
  };
}

export type FloorCommands = ReturnType<typeof createFloorCommands>;
