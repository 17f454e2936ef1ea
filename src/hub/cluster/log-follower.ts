import type { LoggedEvent } from '../store/events';

/** An entry of a log in commit order: the event log's, or presence's. */
export interface Sequenced {
  event: { seq: number };
}

export interface LogFollowerOptions<T extends Sequenced = LoggedEvent> {
  /** The log after `seq`, oldest first, at most `limit` entries, with each event's queue and audience. */
  readAfter(seq: number, limit: number): Promise<T[]>;
  /** Where to start: the log's last seq when the replica starts (clients catch up by their own lastSeq). */
  fromSeq: number;
  /** Hands events to this replica's streams, web chats and dispatcher, in seq order, each once. */
  publish(logged: T[]): void;
  onError(error: unknown): void;
  /** A read of the log every so often, in case a wake-up was lost (PostgreSQL restarting); null: none (one process, no wake-up is lost). */
  pollMs?: number | null;
  batch?: number;
}

/**
 * Every replica learns of every committed event by reading the log, its own writes included: the
 * log's seq is commit order (one writer at a time), so reading `seq > last` in order gives each
 * event to this replica's listeners exactly once and in the same order on every replica. A wake-up
 * (after a local commit, or LISTEN/NOTIFY from another replica) only says "read now".
 */
export function createLogFollower<T extends Sequenced = LoggedEvent>(options: LogFollowerOptions<T>) {
  const batch = options.batch ?? 500;
  let last = options.fromSeq;
  let reading: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function drain(): Promise<void> {
    do {
      again = false;
      for (;;) {
        const logged = await options.readAfter(last, batch);
        if (logged.length === 0 || stopped) break;
        last = logged[logged.length - 1]?.event.seq ?? last;
        options.publish(logged);
        if (logged.length < batch) break;
      }
    } while (again && !stopped);
  }

  /** Reads the log now; a wake-up during a read causes one more read after it. */
  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (reading) {
      again = true;
      return reading;
    }
    reading = drain()
      .catch((error: unknown) => options.onError(error))
      .finally(() => {
        reading = null;
      });
    return reading;
  }

  const pollMs = options.pollMs === undefined ? 1000 : options.pollMs;
  const poll = pollMs === null ? null : setInterval(() => void wake(), pollMs);
  poll?.unref();

  return {
    wake,
    /** Resolves once the read under way (if any) is done: what was committed before it was woken is published. */
    settled: (): Promise<void> => reading ?? Promise.resolve(),
    lastSeq: () => last,
    async stop(): Promise<void> {
      stopped = true;
      if (poll) clearInterval(poll);
      await reading;
    },
  };
}

export type LogFollower = ReturnType<typeof createLogFollower>;
