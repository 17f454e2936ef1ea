/** How many sign-ins one replica hashes at once and lets wait. */
export interface LoginGateOptions {
  /** Password checks running at once: the rest of libuv's pool stays free for files and DNS. */
  concurrentChecks: number;
  /** Checks waiting for a turn in all, and checks from one address waiting or running; past either, refused before hashing. */
  maxQueued: number;
  maxInFlightPerAddress: number;
}

export const DEFAULT_LOGIN_GATE: LoginGateOptions = {
  concurrentChecks: 2,
  maxQueued: 64,
  maxInFlightPerAddress: 8,
};

export type LoginRefusal = { kind: 'busy'; retryAfterMs: number };

/** One admitted sign-in: its password checks wait for a slot; `done` gives back its place. */
export interface LoginAttempt {
  check<T>(work: () => Promise<T>): Promise<T>;
  done(): void;
}

export type LoginAdmission = { refusal: LoginRefusal; attempt?: undefined } | { refusal: null; attempt: LoginAttempt };

/**
 * One replica's burst gate, so hashing never fills its thread pool: the hashes that run are queued
 * behind a small number of slots, one address can hold only a few places in that queue, and a
 * full queue is refused at once instead of growing. It guards this process's CPU, so it lives in
 * this process; wrong sign-ins are counted for the whole floor by the lockout (sign-in-lockout.ts).
 */
export function createLoginGate(options: LoginGateOptions = DEFAULT_LOGIN_GATE) {
  const waiting: { address: string; start(): void }[] = [];
  const inFlightPerAddress = new Map<string, number>();
  const runningPerAddress = new Map<string, number>();
  let running = 0;
  /** Admitted attempts not yet in `waiting` (looking up the account): they hold a place in the queue. */
  let admittedNotQueued = 0;

  const decrement = (table: Map<string, number>, key: string): void => {
    const left = (table.get(key) ?? 1) - 1;
    if (left > 0) table.set(key, left);
    else table.delete(key);
  };

  function next(): void {
    while (running < options.concurrentChecks && waiting.length > 0) {
      // An address with no check running goes first: one flooding address waits on itself, and
      // the next person to sign in waits for a slot, not for the flood's queue.
      const fair = waiting.findIndex((turn) => !runningPerAddress.has(turn.address));
      const [turn] = waiting.splice(fair >= 0 ? fair : 0, 1);
      running += 1;
      runningPerAddress.set(turn!.address, (runningPerAddress.get(turn!.address) ?? 0) + 1);
      turn!.start();
    }
  }

  /** Runs one password check when a slot is free. */
  function run<T>(address: string, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        work()
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            decrement(runningPerAddress, address);
            next();
          });
      };
      waiting.push({ address, start });
      next();
    });
  }

  function refusal(address: string): LoginRefusal | null {
    const busy = waiting.length + admittedNotQueued >= options.maxQueued || (inFlightPerAddress.get(address) ?? 0) >= options.maxInFlightPerAddress;
    return busy ? { kind: 'busy', retryAfterMs: 1000 } : null;
  }

  return {
    /**
     * Refuses the attempt, or admits it and counts it as in flight in the same synchronous step:
     * anything the caller awaits before hashing (the lockout and the account lookup are real I/O
     * on PostgreSQL) happens after the attempt holds its place, so a burst cannot all slip past.
     * An admitted attempt must end with `done()`, whatever happens.
     */
    admit(address: string): LoginAdmission {
      const refused = refusal(address);
      if (refused) return { refusal: refused };
      inFlightPerAddress.set(address, (inFlightPerAddress.get(address) ?? 0) + 1);
      admittedNotQueued += 1;
      let holdsQueuePlace = true;
      let ended = false;
      const leaveQueuePlace = () => {
        if (!holdsQueuePlace) return;
        holdsQueuePlace = false;
        admittedNotQueued -= 1;
      };
      return {
        refusal: null,
        attempt: {
          check<T>(work: () => Promise<T>): Promise<T> {
            leaveQueuePlace();
            return run(address, work);
          },
          done(): void {
            if (ended) return;
            ended = true;
            leaveQueuePlace();
            decrement(inFlightPerAddress, address);
          },
        },
      };
    },
  };
}

export type LoginGate = ReturnType<typeof createLoginGate>;
