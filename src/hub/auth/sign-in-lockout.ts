import type { FloorCounters, FloorTally } from '../store/floor-counters';

/** How wrong sign-ins lock an account and an address, for the whole floor. */
export interface SignInLockoutOptions {
  /** Failures allowed before each further one doubles the wait (first wait: baseDelayMs). */
  freeFailuresPerAccount: number;
  freeFailuresPerAddress: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures are forgotten this long after the latest one (and never while a wait is running). */
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LOCKOUT: SignInLockoutOptions = {
  freeFailuresPerAccount: 5,
  freeFailuresPerAddress: 20,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  windowMs: 15 * 60_000,
};

export interface SignInLock {
  kind: 'locked';
  retryAfterMs: number;
}

/**
 * Wrong sign-ins counted in the store's floor counters, so a lock holds on every replica and a
 * guesser gains nothing by spreading attempts over them: one indexed read before any hashing,
 * one upsert per key after a wrong password.
 */
export function createSignInLockout(counters: FloorCounters, now: () => number, options: SignInLockoutOptions = DEFAULT_SIGN_IN_LOCKOUT) {
  // The tally outlives the longest wait, so a running wait is never forgotten.
  const lapseMs = Math.max(options.windowMs, options.maxDelayMs);
  const accountKey = (email: string) => `sign-in-account:${email.toLowerCase()}`;
  const addressKey = (address: string) => `sign-in-address:${address}`;

  const waitOf = (tally: FloorTally | undefined, free: number): number => {
    if (!tally || tally.hits <= free) return 0;
    const delay = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (tally.hits - free - 1));
    return Math.max(0, tally.lastAt + delay - now());
  };

  return {
    /** Null when neither the account nor the address is locked; otherwise for how long. */
    async lock(email: string, address: string): Promise<SignInLock | null> {
      const tallies = await counters.tallies([accountKey(email), addressKey(address)], lapseMs);
      const wait = Math.max(
        waitOf(tallies.get(accountKey(email)), options.freeFailuresPerAccount),
        waitOf(tallies.get(addressKey(address)), options.freeFailuresPerAddress),
      );
      return wait > 0 ? { kind: 'locked', retryAfterMs: wait } : null;
    },
    async failed(email: string, address: string): Promise<void> {
      await Promise.all([counters.tally(accountKey(email), lapseMs), counters.tally(addressKey(address), lapseMs)]);
    },
    /** A right password clears the account's failures; the address keeps its count (others may share it). */
    async succeeded(email: string): Promise<void> {
      await counters.clear(accountKey(email));
    },
  };
}

export type SignInLockout = ReturnType<typeof createSignInLockout>;
