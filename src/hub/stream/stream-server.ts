import type { WebSocket } from 'ws';
import type { User } from '../../shared/conversation';
import { CLOSE_CODES, WS_MAX_PAYLOAD, clientMessageSchema, type HubEvent } from '../../shared/protocol';
import { canSeeEvent } from '../auth/access';
import { replayForWallboard, wallboardFrames } from '../auth/wallboard-events';
import type { HubContext } from '../context';
import { publicUser, type Account } from '../store/accounts';
import type { LoggedEvent } from '../store/events';
import { StoreUnavailableError } from '../store/sql/sql';
import { createClientChannel, type ClientChannel } from './client-channel';
import { createSessionStreams } from './session-streams';
import type { LiveChannel } from './live';
import { createWebSocketEndpoint } from './websocket-endpoint';

export const STREAM_PATH = '/v1/stream';
/** A client further behind than this is told to resync from a fresh list instead of replaying. */
export const REPLAY_LIMIT = 5000;
const AUTH_TIMEOUT_MS = 5000;
/**
 * What an agent is waiting on: an offer (a transfer to them is one). Sent at once, ahead of the
 * bot's HTTP answer, instead of at the end of the tick with the rest (the notification's latency).
 */
const URGENT_FOR_AGENTS = new Set<HubEvent['type']>(['conversation:offered', 'conversation:transferred']);

interface Subscriber {
  user: User;
  /** The session it said hello with: a stream whose session has ended is closed. */
  token: string;
  channel: ClientChannel;
  socket: WebSocket;
  /**
   * While the catch-up is read: the live events published meanwhile, sent after it. A client is
   * subscribed before its catch-up is read, so nothing falls between the two.
   */
  held: LoggedEvent[] | null;
  /** The highest seq the catch-up sent: a held event at or below it is a repeat and is dropped. */
  caughtUpTo: number;
  /** Ends the live snapshots ('agents', typing), once they started after the catch-up. */
  leaveLive?: () => void;
}

/**
 * The desktop event stream: a client says `hello` with its session token and last seq, gets the
 * events it missed (only those its role may see), then live ones, in seq order and each once.
 * The catch-up reads the log asynchronously: the client is subscribed first and what is published
 * meanwhile is held, then sent after the catch-up minus what the catch-up already carried (the log's
 * seq is commit order, so everything at or below the catch-up's last seq was in it or not for this user).
 */
export function createStreamServer(
  context: HubContext,
  options: {
    allowedOrigins: (origin: string, host: string | undefined) => boolean;
    live?: Pick<LiveChannel, 'joined'>;
    heartbeatMs?: number;
    maxStreamsPerSession?: number;
    maxBufferedBytes?: number;
    /** A failure of the store behind a stream (the client is closed and reconnects). */
    onError?: (error: unknown) => void;
  },
) {
  const endpoint = createWebSocketEndpoint({
    maxPayload: WS_MAX_PAYLOAD,
    isOriginAllowed: (origin, host) => options.allowedOrigins(origin, host),
    heartbeatMs: options.heartbeatMs,
  });
  const { wss } = endpoint;
  const subscribers = new Set<Subscriber>();
  // A client's own stream, plus reconnects that overlap a half-open one until the heartbeat drops it.
  const sessionStreams = createSessionStreams(options.maxStreamsPerSession ?? 4);

  async function replay(account: Account, afterSeq: number): Promise<HubEvent[] | null> {
    if (account.role === 'agent') {
      if ((await context.events.countForAgent(account.id, afterSeq)) > REPLAY_LIMIT) return null;
      return context.events.forAgent(account.id, afterSeq, REPLAY_LIMIT);
    }
    if (account.role === 'wallboard') return replayForWallboard(context.events, account, afterSeq, REPLAY_LIMIT);
    const events = await context.events.forQueues(account.queues, afterSeq, REPLAY_LIMIT + 1);
    return events.length > REPLAY_LIMIT ? null : events;
  }

  /** Sends what `logged` holds for this subscriber, in the order given. */
  function deliver(subscriber: Subscriber, logged: readonly LoggedEvent[], textOf: (index: number) => string): void {
    // Wallboards get redacted copies (counts and kinds, never a customer's words).
    if (subscriber.user.role === 'wallboard') {
      for (const frame of wallboardFrames(subscriber.user, logged)) subscriber.channel.enqueue(frame);
      return;
    }
    let isUrgent = false;
    logged.forEach((entry, index) => {
      if (!canSeeEvent(subscriber.user, entry)) return;
      subscriber.channel.enqueue(textOf(index));
      isUrgent ||= URGENT_FOR_AGENTS.has(entry.event.type);
    });
    if (isUrgent && subscriber.user.role === 'agent') subscriber.channel.flushNow();
  }

  async function onHello(socket: WebSocket, account: Account, token: string, lastSeq: number): Promise<void> {
    const user = publicUser(account);
    const channel = createClientChannel(socket, options.maxBufferedBytes);
    const subscriber: Subscriber = { user, token, channel, socket, held: [], caughtUpTo: lastSeq };
    subscribers.add(subscriber);
    let isPresent = false;
    socket.on('close', () => {
      subscriber.leaveLive?.();
      subscribers.delete(subscriber);
      if (isPresent) void context.presence.disconnected(account.id);
    });

    const latest = await context.events.latestSeq();
    const missed = lastSeq > latest ? null : await replay(account, lastSeq);
    if (socket.readyState !== socket.OPEN) return;
    channel.send({ type: 'welcome', v: 1, user, seq: latest });
    if (missed === null) {
      channel.send({ type: 'resync-required', v: 1, reason: lastSeq > latest ? 'the hub has no record of your seq' : 'too far behind' });
      // The client reloads its list (read after this point): events from here on add to it.
      subscriber.caughtUpTo = latest;
    } else {
      for (let start = 0; start < missed.length; start += 500) {
        channel.send({ type: 'events', v: 1, events: missed.slice(start, start + 500) });
      }
      subscriber.caughtUpTo = Math.max(lastSeq, missed.at(-1)?.seq ?? lastSeq);
      channel.caughtUp();
    }
    const held = (subscriber.held ?? []).filter((entry) => entry.event.seq > subscriber.caughtUpTo);
    subscriber.held = null;
    deliver(subscriber, held, (index) => JSON.stringify(held[index]!.event));
    subscriber.caughtUpTo = Math.max(subscriber.caughtUpTo, held.at(-1)?.event.seq ?? 0);
    // After the catch-up: a live snapshot ('agents') must not arrive before the events it summarises.
    subscriber.leaveLive = options.live?.joined(user, channel.send);
    if (account.role === 'agent') {
      isPresent = true;
      // Counts for routing on this replica at once; the floor hears of it once its lease is written.
      void context.presence.connected(account.id);
      await context.service.agentAvailable(account);
    }
  }

  async function welcome(socket: WebSocket, token: string, lastSeq: number): Promise<void> {
    try {
      const account = await context.accounts.userForSession(token, context.now());
      if (socket.readyState !== socket.OPEN) return;
      if (!account) {
        socket.close(CLOSE_CODES.authFailed, 'session expired or unknown: sign in again');
        return;
      }
      sessionStreams.admit(token, socket);
      await onHello(socket, account, token, lastSeq);
    } catch (error) {
      options.onError?.(error);
      // The client reconnects with backoff and resumes from its last seq; nothing is lost.
      if (error instanceof StoreUnavailableError) socket.close(CLOSE_CODES.storeUnavailable, 'the hub cannot reach its database: reconnect shortly');
      else socket.close(1011, 'the hub failed to read your events: reconnect');
    }
  }

  wss.on('connection', (socket: WebSocket) => {
    const timer = setTimeout(() => socket.close(CLOSE_CODES.authTimeout, 'say hello within 5 s'), AUTH_TIMEOUT_MS);
    socket.once('message', (data, isBinary) => {
      clearTimeout(timer);
      let parsed: unknown;
      try {
        parsed = isBinary ? null : JSON.parse(data.toString());
      } catch {
        parsed = null;
      }
      const hello = clientMessageSchema.safeParse(parsed);
      if (!hello.success) {
        socket.close(CLOSE_CODES.badMessage, 'expected { type: "hello", v: 1, token, lastSeq }');
        return;
      }
      // Anything more on the socket is refused from here, while the session and catch-up are read too.
      socket.on('message', () => socket.close(CLOSE_CODES.badMessage, 'the stream is one-way after hello'));
      void welcome(socket, hello.data.token, hello.data.lastSeq);
    });
    socket.on('error', () => socket.terminate());
  });

  return {
    handleUpgrade: endpoint.handleUpgrade,
    /** Live events, each once and in seq order (the log follower's order). */
    publish(logged: LoggedEvent[]): void {
      if (subscribers.size === 0) return;
      // Serialised once per event, and only when some subscriber may see it: a handoff's queued
      // event (the whole conversation) is for supervisors, and often none is connected.
      const serialized: (string | undefined)[] = [];
      const textOf = (index: number): string => (serialized[index] ??= JSON.stringify(logged[index]!.event));
      const lastSeq = logged.at(-1)?.event.seq ?? 0;
      for (const subscriber of subscribers) {
        if (subscriber.held) {
          subscriber.held.push(...logged);
          continue;
        }
        // A replica's follower can trail a client's catch-up read (a resume on a replica that just
        // started): what the catch-up carried is not sent again.
        const from = logged.findIndex((entry) => entry.event.seq > subscriber.caughtUpTo);
        if (from === -1) continue;
        deliver(subscriber, from === 0 ? logged : logged.slice(from), (index) => textOf(from + index));
        subscriber.caughtUpTo = lastSeq;
      }
    },
    /** A user whose sessions an admin ended: their streams close now, as an expired session's would. */
    disconnectUser(userId: string): void {
      for (const subscriber of subscribers) {
        if (subscriber.user.id === userId) subscriber.socket.close(CLOSE_CODES.authFailed, 'signed out by an admin');
      }
    },
    /** Closes the streams whose session has ended meanwhile: for when a disconnect may have been missed. */
    async recheckSessions(): Promise<void> {
      for (const subscriber of [...subscribers]) {
        if (!(await context.accounts.userForSession(subscriber.token, context.now()))) {
          subscriber.socket.close(CLOSE_CODES.authFailed, 'session ended: sign in again');
        }
      }
    },
    close: endpoint.close,
  };
}

export type StreamServer = ReturnType<typeof createStreamServer>;
