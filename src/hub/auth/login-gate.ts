/** How failed sign-ins are held back, per account and per address. */
export interface LoginGateOptions {
  /** Failures allowed before each further one doubles the wait (first wait: baseDelayMs). */
  freeFailuresPerAccount: number;
  freeFailuresPerAddress: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** Password checks running at once: the rest of libuv's pool stays free for files and DNS. */
  concurrentChecks: number;
  /** Checks waiting for a turn in all, and checks from one address waiting or running; past either, refused before hashing. */
  maxQueued: number;
  maxInFlightPerAddress: number;
  /** Accounts and addresses remembered at most (oldest forgotten first). */
  maxTracked: number;
}

export const DEFAULT_LOGIN_GATE: LoginGateOptions = {
  freeFailuresPerAccount: 5,
  freeFailuresPerAddress: 20,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  windowMs: 15 * 60_000,
  concurrentChecks: 2,
  maxQueued: 64,
  maxInFlightPerAddress: 8,
  maxTracked: 10_000,
};

interface Failures {
  count: number;
  last: number;
  blockedUntil: number;
}

export type LoginRefusal = { kind: 'locked' | 'busy'; retryAfterMs: number };

/** One admitted sign-in: its password checks wait for a slot; `done` gives back its place. */
export interface LoginAttempt {
  check<T>(work: () => Promise<T>): Promise<T>;
  done(): void;
}

export type LoginAdmission = { refusal: LoginRefusal; attempt?: undefined } | { refusal: null; attempt: LoginAttempt };

/**
 * Sign-in throttling that never lets hashing fill the thread pool. A locked account or address is
 * refused before any hash (with how long to wait); the hashes that do run are queued behind a
 * small number of slots, one address can hold only a few places in that queue, and a full queue
 * is refused at once instead of growing. Kept in memory: a restart forgets failures, which costs
 * an attacker a restart per handful of guesses.
 */
export function createLoginGate(now: () => number, options: LoginGateOptions = DEFAULT_LOGIN_GATE) {
  const accounts = new Map<string, Failures>();
  const addresses = new Map<string, Failures>();
  const waiting: { address: string; start(): void }[] = [];
  const inFlightPerAddress = new Map<string, number>();
  const runningPerAddress = new Map<string, number>();
  let running = 0;
  /** Admitted attempts not yet in `waiting` (looking up the account): they hold a place in the queue. */
  let admittedNotQueued = 0;

  const current = (table: Map<string, Failures>, key: string): Failures | null => {
    const entry = table.get(key);
    if (!entry) return null;
    if (now() - entry.last > options.windowMs && entry.blockedUntil <= now()) {
      table.delete(key);
      return null;
    }
    return entry;
  };

  function fail(table: Map<string, Failures>, key: string, free: number): void {
    const entry = current(table, key) ?? { count: 0, last: 0, blockedUntil: 0 };
    entry.count += 1;
    entry.last = now();
    if (entry.count > free) entry.blockedUntil = now() + Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (entry.count - free - 1));
    table.delete(key);
    table.set(key, entry);
    if (table.size > options.maxTracked) table.delete(table.keys().next().value as string);
  }

  const decrement = (table: Map<string, number>, key: string): void => {
    const left = (table.get(key) ?? 1) - 1;
    if (left > 0) table.set(key, left);
    else table.delete(key);
  };

  const waitOf = (entry: Failures | null): number => Math.max(0, (entry?.blockedUntil ?? 0) - now());

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

  function refusal(email: string, address: string): LoginRefusal | null {
    const locked = Math.max(waitOf(current(accounts, email.toLowerCase())), waitOf(current(addresses, address)));
    if (locked > 0) return { kind: 'locked', retryAfterMs: locked };
    const busy = waiting.length + admittedNotQueued >= options.maxQueued || (inFlightPerAddress.get(address) ?? 0) >= options.maxInFlightPerAddress;
    return busy ? { kind: 'busy', retryAfterMs: 1000 } : null;
  }

  return {
    /** Null when this attempt would be admitted now; otherwise why not and for how long. */
    refusal,
    /**
     * Refuses the attempt, or admits it and counts it as in flight in the same synchronous step:
     * anything the caller awaits before hashing (the account lookup is real I/O on PostgreSQL)
     * happens after the attempt holds its place, so a burst cannot all slip past the limits.
     * An admitted attempt must end with `done()`, whatever happens.
     */
    admit(email: string, address: string): LoginAdmission {
      const refused = refusal(email, address);
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
    failed(email: string, address: string): void {
      fail(accounts, email.toLowerCase(), options.freeFailuresPerAccount);
      fail(addresses, address, options.freeFailuresPerAddress);
    },
    /** A right password clears the account's failures; the address keeps its count (others may share it). */
    succeeded(email: string): void {
      accounts.delete(email.toLowerCase());
    },
  };
}

export type LoginGate = ReturnType<typeof createLoginGate>;
