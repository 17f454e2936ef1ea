import type { ChatSessionRepository } from './chat-sessions';

export interface LeaveGraceDeps {
  sessions: Pick<ChatSessionRepository, 'left' | 'claimLeft'>;
  graceMs: number;
  now(): Date;
  /**
   * Runs once the grace that began at the chat's `left_at` is over and claimed, inside the same
   * write as the claim: abandons the handoff if it is still waiting.
   */
  expire(sessionId: string): Promise<void>;
  write<T>(work: () => Promise<T>): Promise<T>;
  /** Starts work nobody awaits outside any open write, its failure reported (the kernel's `detach`). */
  detach(work: () => Promise<void>): void;
}

/**
 * A waiting customer whose chat window closed has a grace to come back before the handoff counts
 * as abandoned. The grace runs from `left_at` in the store, so whichever hub process finds it
 * settles it: each sweeps the store for open graces (at start, then once per grace) and arms a
 * timer for what is left; the first to claim the `left_at` it armed for settles it, and a customer
 * who came back has cleared it already.
 */
export function createLeaveGrace(deps: LeaveGraceDeps) {
  // This process's timers only: the store holds the graces, any process can re-arm them.
  const timers = new Map<string, { leftAt: string; timer: NodeJS.Timeout }>();
  let isStopped = false;

  async function settle(sessionId: string, leftAt: string): Promise<void> {
    if (isStopped) return;
    await deps.write(async () => {
      if (await deps.sessions.claimLeft(sessionId, leftAt)) await deps.expire(sessionId);
    });
  }

  function arm(sessionId: string, leftAt: string): void {
    if (isStopped || timers.get(sessionId)?.leftAt === leftAt) return;
    cancel(sessionId);
    const delayMs = Math.max(0, Date.parse(leftAt) + deps.graceMs - deps.now().getTime());
    const timer = setTimeout(() => {
      timers.delete(sessionId);
      deps.detach(() => settle(sessionId, leftAt));
    }, delayMs);
    timer.unref();
    timers.set(sessionId, { leftAt, timer });
  }

  function cancel(sessionId: string): void {
    clearTimeout(timers.get(sessionId)?.timer);
    timers.delete(sessionId);
  }

  async function sweep(): Promise<void> {
    if (isStopped) return;
    for (const { id, leftAt } of await deps.sessions.left()) arm(id, leftAt);
  }
  const sweeper = setInterval(() => deps.detach(sweep), Math.max(1000, deps.graceMs));
  sweeper.unref();
  // Graces running when the hub stopped go on from when the customer left; those over settle at once.
  deps.detach(sweep);

  return {
    /** The customer's window closed at `leftAt` (already stored): settle after the grace unless they return. */
    arm,
    /** The customer is back on this process: its timer goes; the cleared `left_at` tells every other one. */
    cancel,
    stop(): void {
      isStopped = true;
      clearInterval(sweeper);
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type LeaveGrace = ReturnType<typeof createLeaveGrace>;
