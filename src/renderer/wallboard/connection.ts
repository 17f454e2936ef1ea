import type { AgentStatus } from '../../shared/conversation';
import { CLOSE_CODES, type HubEvent, type ServerMessage } from '../../shared/protocol';
import type { WallboardSnapshot } from '../../shared/wallboard';

/** The little of a WebSocket the board uses, so tests drive it without a network. */
export interface BoardSocket {
  send(text: string): void;
  close(): void;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: (() => void) | null;
}

export type LinkStatus =
  | { kind: 'connecting' }
  | { kind: 'live' }
  /** `since`: when the data stopped being live, for "Data from 14:02 — reconnecting…". */
  | { kind: 'reconnecting'; since: number; retryInMs: number }
  | { kind: 'unauthorized'; since: number };

export interface BoardSink {
  /** A fresh snapshot: replaces everything. */
  snapshot(snapshot: WallboardSnapshot): void;
  events(events: HubEvent[]): void;
  agents(agents: AgentStatus[]): void;
  status(status: LinkStatus): void;
  /** The seq the board has applied, for resuming. */
  lastSeq(): number;
}

export interface LinkDeps {
  fetchSnapshot(dayStart: string): Promise<WallboardSnapshot>;
  openSocket(): BoardSocket;
  token: string;
  now(): number;
  startOfDay(ms: number): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
/** The snapshot is re-read this often while live: it corrects any drift and keeps the session alive. */
export const REFRESH_MS = 5 * 60_000;

/** Exponential backoff with a cap and a little jitter, so a room of wallboards does not reconnect in lockstep. */
export const backoffMs = (attempt: number, random = Math.random()): number =>
  Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt) * (0.8 + 0.4 * random);

/**
 * Keeps a wallboard fed: a snapshot, then the stream resumed from the board's seq; on any drop it
 * retries with backoff and resumes from where it was; on resync-required it re-reads the snapshot.
 * Never gives up: a wall screen has nobody to press reload.
 */
export function createBoardLink(deps: LinkDeps, sink: BoardSink) {
  let socket: BoardSocket | null = null;
  let hasBoard = false;
  let attempt = 0;
  let staleSince: number | null = null;
  let retry: unknown = null;
  let refresh: unknown = null;
  let isStopped = false;

  const dayStart = () => new Date(deps.startOfDay(deps.now())).toISOString();

  async function connect(): Promise<void> {
    retry = null;
    if (isStopped) return;
    if (staleSince === null) sink.status({ kind: 'connecting' });
    try {
      if (!hasBoard) {
        sink.snapshot(await deps.fetchSnapshot(dayStart()));
        hasBoard = true;
      }
    } catch {
      return dropped(null);
    }
    if (isStopped) return;
    const opened = deps.openSocket();
    socket = opened;
    opened.onopen = () => opened.send(JSON.stringify({ type: 'hello', v: 1, token: deps.token, lastSeq: sink.lastSeq() }));
    opened.onmessage = (message) => {
      if (socket !== opened || typeof message.data !== 'string') return;
      receive(JSON.parse(message.data) as ServerMessage);
    };
    opened.onerror = () => opened.close();
    opened.onclose = (event) => {
      if (socket !== opened) return;
      socket = null;
      dropped(event.code);
    };
  }

  function receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        attempt = 0;
        staleSince = null;
        sink.status({ kind: 'live' });
        scheduleRefresh();
        return;
      case 'events':
        sink.events(message.events);
        return;
      case 'agents':
        sink.agents(message.agents);
        return;
      case 'resync-required':
        // Too far behind to replay: start again from a fresh snapshot.
        hasBoard = false;
        socket?.close();
        return;
      default:
        return;
    }
  }

  function dropped(code: number | null): void {
    if (isStopped) return;
    staleSince ??= deps.now();
    if (refresh !== null) deps.clearTimeout(refresh);
    refresh = null;
    const retryInMs = backoffMs(attempt);
    attempt = Math.min(attempt + 1, 10);
    sink.status(
      code === CLOSE_CODES.authFailed ? { kind: 'unauthorized', since: staleSince } : { kind: 'reconnecting', since: staleSince, retryInMs },
    );
    retry = deps.setTimeout(() => void connect(), retryInMs);
  }

  function scheduleRefresh(): void {
    if (refresh !== null) deps.clearTimeout(refresh);
    refresh = deps.setTimeout(() => {
      refresh = null;
      deps
        .fetchSnapshot(dayStart())
        .then((snapshot) => {
          // Events newer than the snapshot may already be applied: only a snapshot at least as new replaces the board.
          if (!isStopped && snapshot.board.seq >= sink.lastSeq()) sink.snapshot(snapshot);
        })
        .catch(() => undefined)
        .finally(() => {
          if (socket && !isStopped) scheduleRefresh();
        });
    }, REFRESH_MS);
  }

  return {
    start(): void {
      void connect();
    },
    stop(): void {
      isStopped = true;
      for (const handle of [retry, refresh]) if (handle !== null) deps.clearTimeout(handle);
      const open = socket;
      socket = null;
      open?.close();
    },
  };
}

export type BoardLink = ReturnType<typeof createBoardLink>;
