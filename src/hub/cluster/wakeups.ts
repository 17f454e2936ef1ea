import { EventEmitter } from 'node:events';
import pg from 'pg';
import { sessionOptions } from './session';

/** PostgreSQL's limit on a notification's payload, in bytes. */
const MAX_PAYLOAD_BYTES = 7999;
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5000;

export type WakeListener = (payload: string | undefined) => void;

export interface Wakeups {
  /**
   * Wakes the channel's listeners on every replica, this one included (at once, in process).
   * Call it after the commit whose rows the listeners will read. Never rejects: a notification
   * that cannot be sent is sent again, without its payload, once the connection is back.
   */
  notify(channel: string, payload?: string): Promise<void>;
  /** Calls `listener` on each wake of `channel`, and once with no payload after every reconnect. */
  onWake(channel: string, listener: WakeListener): () => void;
  /** Resolves once every channel subscribed so far is listened to on a live connection. */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export interface WakeupsOptions {
  /** PostgreSQL connection string; without it the hub is one process and wakes in process. */
  url?: string;
  onError?: (error: unknown) => void;
}

function checkChannel(channel: string, payload?: string): void {
  if (!CHANNEL.test(channel)) throw new RangeError(`wake-up channels are lower-case identifiers (got ${JSON.stringify(channel)})`);
  if (payload !== undefined && Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new RangeError(`a wake-up payload is at most ${MAX_PAYLOAD_BYTES} bytes`);
}

/**
 * Fan-out between replicas. The event log stays the truth: a wake only tells a replica to read
 * it, so a lost wake delays, never loses. On PostgreSQL: LISTEN/NOTIFY on a connection of its
 * own that reconnects with backoff, and since notifications sent while it was down are gone,
 * every listener is woken once when it is back. On SQLite (one process): an in-process emitter.
 */
export function createWakeups(options: WakeupsOptions): Wakeups {
  const listeners = new Map<string, Set<WakeListener>>();
  const deliver = (channel: string, payload: string | undefined) => {
    for (const listener of listeners.get(channel) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        options.onError?.(error);
      }
    }
  };
  const subscribe = (channel: string, listener: WakeListener) => {
    checkChannel(channel);
    const set = listeners.get(channel) ?? new Set<WakeListener>();
    listeners.set(channel, set);
    set.add(listener);
    return () => void set.delete(listener);
  };

  if (!options.url) {
    return {
      async notify(channel, payload) {
        checkChannel(channel, payload);
        deliver(channel, payload);
      },
      onWake: subscribe,
      ready: async () => undefined,
      stop: async () => undefined,
    };
  }
  return postgresWakeups(options.url, options.onError, listeners, deliver, subscribe);
}

function postgresWakeups(
  url: string,
  onError: ((error: unknown) => void) | undefined,
  listeners: Map<string, Set<WakeListener>>,
  deliver: (channel: string, payload: string | undefined) => void,
  subscribe: (channel: string, listener: WakeListener) => () => void,
): Wakeups {
  const progress = new EventEmitter();
  let client: pg.Client | null = null;
  /** Channels LISTENed to on the current connection. */
  let listened = new Set<string>();
  /** Channels whose notification could not be sent; sent again once connected. */
  const owed = new Set<string>();
  let batch = new Map<string, [string, string]>();
  let flushing: Promise<void> | null = null;
  let reconnectMs = RECONNECT_FIRST_MS;
  let timer: NodeJS.Timeout | null = null;
  let isStopped = false;
  let hasConnected = false;
  let connecting: Promise<void> = Promise.resolve();

  const report = (error: unknown) => {
    if (!isStopped) onError?.(error);
  };

  function lost(dead: pg.Client, error: unknown): void {
    if (client !== dead) return;
    client = null;
    listened = new Set();
    void dead.end().catch(() => undefined);
    report(error);
    scheduleConnect();
  }

  function scheduleConnect(): void {
    if (isStopped || timer) return;
    // Jittered, so replicas that lost the server together do not return in lockstep.
    const delay = reconnectMs * (0.5 + Math.random() / 2);
    reconnectMs = Math.min(reconnectMs * 2, RECONNECT_MAX_MS);
    timer = setTimeout(() => {
      timer = null;
      connecting = connect();
    }, delay);
    timer.unref();
  }

  async function listen(current: pg.Client, channel: string): Promise<void> {
    if (listened.has(channel)) return;
    await current.query(`LISTEN ${current.escapeIdentifier(channel)}`);
    if (client === current) listened.add(channel);
    progress.emit('listening');
  }

  async function connect(): Promise<void> {
    if (isStopped) return;
    const fresh = new pg.Client(sessionOptions(url, 'warmline wakeups'));
    let ownPid = -1;
    fresh.on('error', (error) => lost(fresh, error));
    fresh.on('end', () => lost(fresh, new Error('the wake-up connection ended')));
    fresh.on('notification', (message) => {
      // Our own notifications were delivered in process when sent.
      if (client !== fresh || message.processId === ownPid) return;
      deliver(message.channel, message.payload === '' ? undefined : message.payload);
    });
    try {
      await fresh.connect();
      if (isStopped) return void (await fresh.end());
      ownPid = (await fresh.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? -1;
      client = fresh;
      for (const channel of [...listeners.keys()]) await listen(fresh, channel);
    } catch (error) {
      if (client === fresh) lost(fresh, error);
      else {
        void fresh.end().catch(() => undefined);
        report(error);
        scheduleConnect();
      }
      return;
    }
    reconnectMs = RECONNECT_FIRST_MS;
    const isReconnect = hasConnected;
    hasConnected = true;
    for (const channel of owed) batch.set(`${channel}\u0000`, [channel, '']);
    owed.clear();
    if (batch.size > 0) void flush();
    progress.emit('listening');
    // Whatever was notified while this connection was down is lost: everyone reads the log again.
    if (isReconnect) for (const channel of [...listeners.keys()]) deliver(channel, undefined);
  }

  /** Sends every notification queued this tick in one round trip; identical ones go once. */
  function flush(): Promise<void> {
    if (flushing) return flushing;
    flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      const sending = [...batch.values()];
      batch = new Map();
      flushing = null;
      const current = client;
      if (!current) {
        for (const [channel] of sending) owed.add(channel);
        return;
      }
      try {
        await current.query('SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS t(c, p)', [sending.map(([c]) => c), sending.map(([, p]) => p)]);
      } catch (error) {
        for (const [channel] of sending) owed.add(channel);
        report(error);
      }
    });
    return flushing;
  }

  connecting = connect();

  return {
    notify(channel, payload) {
      checkChannel(channel, payload);
      deliver(channel, payload);
      if (isStopped) return Promise.resolve();
      batch.set(`${channel}\u0000${payload ?? ''}`, [channel, payload ?? '']);
      return flush();
    },
    onWake(channel, listener) {
      const unsubscribe = subscribe(channel, listener);
      const current = client;
      if (current) void listen(current, channel).catch((error: unknown) => lost(current, error));
      return unsubscribe;
    },
    ready() {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (isStopped || (client && [...listeners.keys()].every((channel) => listened.has(channel)))) {
            progress.off('listening', check);
            resolve();
          }
        };
        progress.on('listening', check);
        check();
      });
    },
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      progress.emit('listening');
      await connecting;
      await flushing;
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
