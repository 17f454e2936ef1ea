import { createHash } from 'node:crypto';
import pg from 'pg';
import { sessionOptions } from './session';

/** How often a replica that does not hold the job tries to take it (default). */
export const LEADERSHIP_RETRY_MS = 2000;

export interface Leadership {
  /** True while this replica holds the job's lock (always on SQLite: one process). */
  isLeader(): boolean;
  /** Called with the new state each time it changes; returns the unsubscribe. */
  onChange(listener: (isLeader: boolean) => void): () => void;
  /** Gives the job up (the lock goes with the connection) and stops trying. */
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  /** PostgreSQL connection string; without it the hub is one process on SQLite and always leads. */
  url?: string;
  /** The job's name, e.g. 'outbox': replicas electing for the same name elect one leader. */
  job: string;
  /** How often a follower polls for the lock, and how long a holder's liveness check may take. */
  retryMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The advisory-lock key of a job: 64 bits of a hash of its name, so every replica derives the
 * same key without a registry, and jobs never share one.
 */
export function leadershipKey(job: string): bigint {
  return createHash('sha256').update(`warmline:leader:${job}`).digest().readBigInt64BE(0);
}

/**
 * One replica at a time does a named job (the outbox, the offer sweep, the retention purge).
 * The leader holds a session-level `pg_try_advisory_lock` on a connection of its own; when the
 * leader dies, so does its connection and PostgreSQL frees the lock, and a follower's next poll
 * takes it. Jobs stay safe if two replicas briefly both believe they lead (a holder cut off from
 * the network learns it only at its next check): each job's work is idempotent in the store.
 */
export function createLeadership(options: LeadershipOptions): Leadership {
  const listeners = new Set<(isLeader: boolean) => void>();
  if (!options.url) {
    return {
      isLeader: () => true,
      onChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      stop: async () => undefined,
    };
  }
  const url = options.url;
  const retryMs = options.retryMs ?? LEADERSHIP_RETRY_MS;
  const key = leadershipKey(options.job).toString();
  let client: pg.Client | null = null;
  let isLeader = false;
  let isStopped = false;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> = Promise.resolve();

  const setLeader = (next: boolean) => {
    if (next === isLeader) return;
    isLeader = next;
    for (const listener of listeners) listener(next);
  };

  const drop = (error: unknown) => {
    const lost = client;
    client = null;
    setLeader(false);
    if (lost) void lost.end().catch(() => undefined);
    if (!isStopped) options.onError?.(error);
  };

  async function connect(): Promise<pg.Client> {
    const fresh = new pg.Client({ ...sessionOptions(url, `warmline leader ${options.job}`), query_timeout: retryMs });
    // The connection dying (the server restarting, or killed) is the holder losing the lock.
    fresh.on('error', (error) => {
      if (client === fresh) drop(error);
    });
    fresh.on('end', () => {
      if (client === fresh) drop(new Error(`leadership connection for ${options.job} ended`));
    });
    await fresh.connect();
    return fresh;
  }

  /** Follower: try the lock. Leader: prove the connection (and so the lock) is still alive. */
  async function tick(): Promise<void> {
    let backoff = retryMs;
    try {
      if (!client) client = await connect();
      const current = client;
      if (isLeader) await current.query('SELECT 1');
      else {
        const result = await current.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS held', [key]);
        if (client === current && !isStopped) setLeader(result.rows[0]?.held === true);
      }
    } catch (error) {
      // A replica whose connection just failed steps back a round, so a healthy one takes over.
      backoff = retryMs * 2;
      if (client) drop(error);
      else if (!isStopped) options.onError?.(error);
    }
    if (!isStopped) {
      timer = setTimeout(() => (round = tick()), backoff);
      timer.unref();
    }
  }
  round = tick();

  return {
    isLeader: () => isLeader,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await round;
      const held = client;
      client = null;
      setLeader(false);
      // Ending the session releases the lock at once; the next follower's poll takes it.
      await held?.end().catch(() => undefined);
    },
  };
}
