import type { WebSocket } from 'ws';
import type { User } from '../../shared/conversation';
import { CLOSE_CODES, WS_MAX_PAYLOAD, clientMessageSchema, type HubEvent } from '../../shared/protocol';
import { canSeeEvent } from '../auth/access';
import { replayForWallboard, wallboardFrames } from '../auth/wallboard-events';
import type { HubContext } from '../context';
import { publicUser, type Account } from '../store/accounts';
import type { LoggedEvent } from '../store/events';
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
  channel: ClientChannel;
  socket: WebSocket;
}

/**
 * The desktop event stream: a client says `hello` with its session token and last seq, gets the
 * events it missed (only those its role may see), then live ones. Replay and subscription happen
 * in one synchronous step, so no event can fall between them.
 */
export function createStreamServer(
  context: HubContext,
  options: { allowedOrigins: (origin: string, host: string | undefined) => boolean; live?: Pick<LiveChannel, 'joined'>; heartbeatMs?: number; maxStreamsPerSession?: number; maxBufferedBytes?: number },
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

  function replay(account: Account, afterSeq: number): HubEvent[] | null {
    if (account.role === 'agent') {
      if (context.events.countForAgent(account.id, afterSeq) > REPLAY_LIMIT) return null;
      return context.events.forAgent(account.id, afterSeq, REPLAY_LIMIT);
    }
    if (account.role === 'wallboard') return replayForWallboard(context.events, account, afterSeq, REPLAY_LIMIT);
    const events = context.events.forQueues(account.queues, afterSeq, REPLAY_LIMIT + 1);
    return events.length > REPLAY_LIMIT ? null : events;
  }

  function onHello(socket: WebSocket, account: Account, lastSeq: number): void {
    const user = publicUser(account);
    const channel = createClientChannel(socket, options.maxBufferedBytes);
    const latest = context.events.latestSeq();
    channel.send({ type: 'welcome', v: 1, user, seq: latest });
    const missed = lastSeq > latest ? null : replay(account, lastSeq);
    if (missed === null) {
      channel.send({ type: 'resync-required', v: 1, reason: lastSeq > latest ? 'the hub has no record of your seq' : 'too far behind' });
    } else {
      for (let start = 0; start < missed.length; start += 500) {
        channel.send({ type: 'events', v: 1, events: missed.slice(start, start + 500) });
      }
      channel.caughtUp();
    }
    const subscriber = { user, channel, socket };
    subscribers.add(subscriber);
    // After the replay: a live snapshot ('agents') must not arrive before the events it summarises.
    const leaveLive = options.live?.joined(user, channel.send);
    socket.on('close', () => {
      leaveLive?.();
      subscribers.delete(subscriber);
      if (account.role === 'agent') context.presence.disconnected(account.id);
    });
    if (account.role === 'agent') {
      context.presence.connected(account.id);
      context.service.agentAvailable(account);
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
      const account = context.accounts.userForSession(hello.data.token, context.now());
      if (!account) {
        socket.close(CLOSE_CODES.authFailed, 'session expired or unknown: sign in again');
        return;
      }
      onHello(socket, account, hello.data.lastSeq);
      sessionStreams.admit(hello.data.token, socket);
      socket.on('message', () => socket.close(CLOSE_CODES.badMessage, 'the stream is one-way after hello'));
    });
    socket.on('error', () => socket.terminate());
  });

  return {
    handleUpgrade: endpoint.handleUpgrade,
    publish(logged: LoggedEvent[]): void {
      if (subscribers.size === 0) return;
      // Serialised once per event, and only when some subscriber may see it: a handoff's queued
      // event (the whole conversation) is for supervisors, and often none is connected.
      const serialized: (string | undefined)[] = [];
      const textOf = (index: number): string => (serialized[index] ??= JSON.stringify(logged[index]!.event));
      for (const subscriber of subscribers) {
        // Wallboards get redacted copies (counts and kinds, never a customer's words).
        if (subscriber.user.role === 'wallboard') {
          for (const frame of wallboardFrames(subscriber.user, logged)) subscriber.channel.enqueue(frame);
          continue;
        }
        let isUrgent = false;
        logged.forEach((entry, index) => {
          if (!canSeeEvent(subscriber.user, entry)) return;
          subscriber.channel.enqueue(textOf(index));
          isUrgent ||= URGENT_FOR_AGENTS.has(entry.event.type);
        });
        if (isUrgent && subscriber.user.role === 'agent') subscriber.channel.flushNow();
      }
    },
    /** A user whose sessions an admin ended: their streams close now, as an expired session's would. */
    disconnectUser(userId: string): void {
      for (const subscriber of subscribers) {
        if (subscriber.user.id === userId) subscriber.socket.close(CLOSE_CODES.authFailed, 'signed out by an admin');
      }
    },
    close: endpoint.close,
  };
}

export type StreamServer = ReturnType<typeof createStreamServer>;
