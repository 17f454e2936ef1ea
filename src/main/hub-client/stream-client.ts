import WebSocket from 'ws';
import type { User } from '../../shared/conversation';
import { CLOSE_CODES, type HubEvent, type ServerMessage } from '../../shared/protocol';

export interface StreamHandlers {
  /** The hub accepted us; `seq` is its latest. */
  onWelcome(user: User, seq: number): void;
  /** Events in order; the handler must have stored them before returning. */
  onEvents(events: HubEvent[]): void;
  onResyncRequired(reason: string): void;
  onDisconnected(detail: string, retryInMs: number | null): void;
  /** Live, unlogged state (agent presence, typing) for supervisors; nothing to store. */
  onLive?(message: Extract<ServerMessage, { type: 'agents' | 'typing' }>): void;
}

export interface StreamClientOptions {
  hubUrl: string;
  token: string;
  lastSeq: () => number;
  handlers: StreamHandlers;
  /** Injected for tests; real backoff is 0.5 s doubling to 30 s, with jitter. */
  backoffMs?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

/** Connects to the hub stream, says hello with the last applied seq, and reconnects with backoff. */
export function createStreamClient(options: StreamClientOptions) {
  const backoff = options.backoffMs ?? defaultBackoff;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const streamUrl = () => {
    const url = new URL('/v1/stream', options.hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.toString();
  };

  function scheduleReconnect(detail: string): void {
    if (stopped) return;
    const delay = backoff(attempt++);
    options.handlers.onDisconnected(detail, delay);
    timer = setTimeout(connect, delay);
  }

  function connect(): void {
    if (stopped) return;
    const ws = new WebSocket(streamUrl(), { maxPayload: 64 * 1024 * 1024, handshakeTimeout: 10_000 });
    socket = ws;
    let closedReason = 'the hub closed the connection';
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, token: options.token, lastSeq: options.lastSeq() })));
    ws.on('message', (data) => {
      // Frames can still arrive after stop(); they belong to a session that is over.
      if (socket !== ws) return;
      let message: ServerMessage;
      try {
        message = JSON.parse(data.toString()) as ServerMessage;
      } catch {
        return;
      }
      switch (message.type) {
        case 'welcome':
          attempt = 0;
          options.handlers.onWelcome(message.user, message.seq);
          break;
        case 'events':
          options.handlers.onEvents(message.events);
          break;
        case 'resync-required':
          options.handlers.onResyncRequired(message.reason);
          break;
        case 'error':
          closedReason = message.message;
          break;
        case 'agents':
        case 'typing':
          options.handlers.onLive?.(message);
          break;
      }
    });
    ws.on('error', (error) => {
      closedReason = `cannot reach the hub (${error.message})`;
    });
    ws.on('close', (code, reason) => {
      if (socket !== ws) return;
      socket = null;
      if (code === CLOSE_CODES.authFailed) {
        options.handlers.onDisconnected('Your session has ended: it expired, or an admin signed you out. Sign in again.', null);
        return;
      }
      scheduleReconnect(reason.length > 0 ? reason.toString() : closedReason);
    });
  }

  return {
    start(): void {
      stopped = false;
      connect();
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      const current = socket;
      socket = null;
      current?.close(1000, 'signed out');
    },
    /** Reconnect now instead of waiting for the backoff (e.g. the user pressed "retry"). */
    reconnectNow(): void {
      if (timer) clearTimeout(timer);
      if (!socket) connect();
    },
  };
}

export type StreamClient = ReturnType<typeof createStreamClient>;
