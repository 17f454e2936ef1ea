import type { BridgeFrame, BridgeRequest, ChannelName, CoreEvent, RequestOf, ResponseOf, WarmlineApi } from '../shared/ipc';
import { fail, type Result } from '../shared/result';

/**
 * WarmlineApi over the browser-mode WebSocket bridge. The bridge can drop (server restart, laptop
 * sleep); requests made meanwhile wait for the reconnect and fail with a clear Result after a
 * timeout, so a component never sees a thrown error or a promise that hangs forever.
 */

export type TransportStatus = 'connecting' | 'open' | 'closed';

export interface TransportState {
  status: TransportStatus;
  /** Seconds until the next reconnect attempt while closed. */
  retryInSeconds: number | null;
}

export interface Transport {
  get(): TransportState;
  subscribe(listener: (state: TransportState) => void): () => void;
  /** Called after a reconnect: events may have been missed, so stores reload. */
  onReconnected(listener: () => void): () => void;
}

/** The part of the DOM WebSocket this client uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
}

export interface SocketHandlers {
  opened(): void;
  closed(): void;
  received(data: unknown): void;
}

export interface BridgeOptions {
  url: string;
  openSocket: (url: string, handlers: SocketHandlers) => SocketLike;
  /** How long a request may wait (queued or in flight) before it fails. */
  requestTimeoutMs?: number;
  backoffMs?: readonly number[];
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const OPEN = 1;
const DEFAULT_BACKOFF = [500, 1000, 2000, 5000, 10_000] as const;

interface Pending {
  frame: BridgeRequest;
  isSent: boolean;
  timer: unknown;
  resolve: (result: Result<unknown>) => void;
}

export function createBridgeApi(options: BridgeOptions): { api: WarmlineApi; transport: Transport } {
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: CoreEvent) => void>();
  const stateListeners = new Set<(state: TransportState) => void>();
  const reconnectListeners = new Set<() => void>();
  let state: TransportState = { status: 'connecting', retryInSeconds: null };
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let hasConnectedBefore = false;

  const setState = (next: TransportState): void => {
    state = next;
    for (const listener of stateListeners) listener(state);
  };

  const send = (entry: Pending): void => {
    if (!socket || socket.readyState !== OPEN) return;
    socket.send(JSON.stringify(entry.frame));
    entry.isSent = true;
  };

  const settle = (id: number, result: Result<unknown>): void => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimer(entry.timer);
    entry.resolve(result);
  };

  const deliver = (event: CoreEvent): void => {
    for (const listener of eventListeners) listener(event);
  };

  const onFrame = (raw: unknown): void => {
    if (typeof raw !== 'string') return;
    let frame: BridgeFrame;
    try {
      frame = JSON.parse(raw) as BridgeFrame;
    } catch {
      return;
    }
    if (frame.kind === 'response' && typeof frame.id === 'number') settle(frame.id, frame.result);
    else if (frame.kind === 'event' && frame.event) deliver(frame.event);
    else if (frame.kind === 'events' && Array.isArray(frame.events)) for (const event of frame.events) deliver(event);
  };

  const connect = (): void => {
    setState({ status: 'connecting', retryInSeconds: null });
    const current: SocketLike = options.openSocket(options.url, {
      opened() {
        attempt = 0;
        setState({ status: 'open', retryInSeconds: null });
        for (const entry of pending.values()) if (!entry.isSent) send(entry);
        if (hasConnectedBefore) for (const listener of reconnectListeners) listener();
        hasConnectedBefore = true;
      },
      received: onFrame,
      closed: () => onClosed(current),
    });
    socket = current;
  };

  const onClosed = (current: SocketLike): void => {
    if (socket !== current) return;
    socket = null;
    // A request in flight when the socket died has no answer coming; it may or may not have run,
    // so it fails rather than being sent twice (replies carry their own idempotency key upstream).
    for (const [id, entry] of pending) {
      if (entry.isSent) settle(id, fail('bridge-lost', 'The connection to Warmline dropped before it answered. Try again.'));
    }
    const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 10_000;
    attempt += 1;
    setState({ status: 'closed', retryInSeconds: Math.ceil(delay / 1000) });
    setTimer(connect, delay);
  };

  const invoke = <C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> =>
    new Promise((resolve) => {
      const id = nextId++;
      const entry: Pending = {
        frame: { id, channel, request },
        isSent: false,
        timer: setTimer(
          () => settle(id, fail('bridge-timeout', 'Warmline did not answer in time. Check the connection and try again.')),
          timeoutMs,
        ),
        resolve: resolve as (result: Result<unknown>) => void,
      };
      pending.set(id, entry);
      send(entry);
    });

  connect();

  return {
    api: {
      invoke,
      onEvent(listener) {
        eventListeners.add(listener);
        return () => eventListeners.delete(listener);
      },
    },
    transport: {
      get: () => state,
      subscribe(listener) {
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
      onReconnected(listener) {
        reconnectListeners.add(listener);
        return () => reconnectListeners.delete(listener);
      },
    },
  };
}
