import type { BotCallback, HubEventBody } from '../../shared/protocol';
import type { Integration } from '../store/accounts';
import { CALLBACK_EVENT_TYPES, type CallbackDelivery, type CallbackRepository } from '../store/callbacks';
import type { HubDatabase } from '../store/database';
import type { LoggedEvent } from '../store/events';
import { callbackId, deriveCallback } from './derive';
import { sendCallback, type CallbackTarget, type SendOutcome } from './http-sender';

/** An in-process receiver (the demo web chat): throwing makes the delivery retry like an HTTP failure. */
export type CallbackSink = (callback: BotCallback, id: string) => void | Promise<void>;

export interface CallbackDispatcherOptions {
  db: HubDatabase;
  repository: CallbackRepository;
  integrationById(id: string): Integration | null;
  now(): Date;
  send?: (target: CallbackTarget, id: string, callback: BotCallback, now: Date) => Promise<SendOutcome>;
  /** Attempts before a callback is given up (default 12: about 2 h with the default backoff). */
  maxAttempts?: number;
  /** Delay before attempt n + 1 after n failures (default 2 s doubling, capped at 30 min). */
  backoffMs?: (failures: number) => number;
  batchSize?: number;
  concurrency?: number;
}

const defaultBackoff = (failures: number): number => Math.min(2000 * 2 ** (failures - 1), 30 * 60_000);
/** Even with nothing due, look again this often: a callback URL set meanwhile, a clock jump. */
const MAX_SLEEP_MS = 30_000;
const CALLBACK_TYPES: ReadonlySet<string> = new Set(CALLBACK_EVENT_TYPES);

/**
 * Status callbacks to the source bot, derived from the event log. A durable cursor over the log
 * and an outbox table make it at-least-once across restarts: an event becomes a queued callback in
 * the same transaction that moves the cursor past it, and a callback leaves the outbox only once a
 * receiver answered 2xx. Sending is asynchronous and bounded, so a slow bot never holds up the hub.
 */
export function createCallbackDispatcher(options: CallbackDispatcherOptions) {
  const { repository } = options;
  const send = options.send ?? sendCallback;
  const maxAttempts = options.maxAttempts ?? 12;
  const backoff = options.backoffMs ?? defaultBackoff;
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 8;
  const sinks = new Map<string, CallbackSink>();
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let isWakeQueued = false;
  let isStopped = false;
  // Whether the outbox may hold a callback not yet delivered or given up: when not, a pump skips its queries.
  let hasOutbox = true;

  /**
   * How far the log has been looked at. It runs ahead of the stored cursor while events pass that
   * make no callback; the stored one catches up at the next pump (at most MAX_SLEEP_MS later) or at
   * stop. Every transaction that queues a callback also stores the cursor past it, so after a crash
   * only events that made no callback are looked at again, all newer than anything queued.
   */
  let cursor: number | null = null;
  let savedCursor = 0;
  const loadCursor = (): number => {
    if (cursor === null) cursor = savedCursor = repository.cursor();
    return cursor;
  };
  const saveCursor = (): void => {
    if (cursor === null || cursor === savedCursor) return;
    repository.saveCursor(cursor);
    savedCursor = cursor;
  };

  /** Turns new events into queued callbacks; synchronous and bounded per transaction. */
  function collect(): void {
    // Read before scanning; the log is written on this thread only, so nothing lands in between.
    const head = repository.headSeq();
    for (;;) {
      const after = loadCursor();
      const rows = repository.eventsAfter(after, batchSize);
      const callbacks: { id: string; integrationId: string; callback: BotCallback }[] = [];
      for (const row of rows) {
        if (!row.callbackUrl && !sinks.has(row.integrationId)) continue;
        const body = JSON.parse(row.body) as HubEventBody;
        const reason = body.type === 'conversation:abandoned' ? repository.latestWaitingReason(row.conversationId, row.seq) : null;
        const callback = deriveCallback({ at: row.at, conversationId: row.conversationId, envelopeId: row.envelopeId, body }, reason);
        if (callback) callbacks.push({ id: callbackId(row.seq), integrationId: row.integrationId, callback });
      }
      // A short page means every event up to the head was looked at: the cursor moves to the head
      // even when none of them makes a callback, or each wake would rescan the whole tail of the log
      // (offers and messages are most events, and none of them is a callback).
      const last = rows.at(-1)?.seq ?? after;
      const next = rows.length < batchSize ? Math.max(last, head, after) : last;
      if (callbacks.length > 0) {
        options.db.transaction(() => {
          const at = options.now().toISOString();
          for (const { id, integrationId, callback } of callbacks) repository.enqueue(id, integrationId, callback, at);
          repository.saveCursor(next);
        })();
        savedCursor = next;
        hasOutbox = true;
      }
      cursor = next;
      if (rows.length < batchSize) return;
    }
  }

  async function deliver(delivery: CallbackDelivery): Promise<SendOutcome> {
    const sink = sinks.get(delivery.integrationId);
    if (sink) {
      try {
        await sink(delivery.callback, delivery.id);
        return { ok: true };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error), retry: true };
      }
    }
    const url = repository.callbackUrl(delivery.integrationId);
    if (!url) return { ok: false, error: 'the integration no longer has a callback URL', retry: false };
    const signingSecret = options.integrationById(delivery.integrationId)?.signingSecret ?? null;
    return send({ url, signingSecret }, delivery.id, delivery.callback, options.now());
  }

  async function attempt(delivery: CallbackDelivery): Promise<void> {
    const outcome = await deliver(delivery);
    if (isStopped) return;
    const now = options.now();
    if (outcome.ok) repository.markDelivered(delivery.id, now.toISOString());
    else if (!outcome.retry || delivery.attempts + 1 >= maxAttempts) repository.markGivenUp(delivery.id, now.toISOString(), outcome.error);
    else repository.markFailed(delivery.id, new Date(now.getTime() + backoff(delivery.attempts + 1)).toISOString(), outcome.error);
  }

  function startDue(): void {
    const free = concurrency - inFlight.size;
    if (free <= 0 || !hasOutbox) return;
    for (const delivery of repository.due(options.now().toISOString(), free + inFlight.size)) {
      if (inFlight.has(delivery.id) || inFlight.size >= concurrency) continue;
      const running = attempt(delivery)
        .catch(() => undefined)
        .finally(() => {
          inFlight.delete(delivery.id);
          wake();
        });
      inFlight.set(delivery.id, running);
    }
  }

  function sleep(): void {
    if (timer) clearTimeout(timer);
    const next = hasOutbox ? repository.nextDueAt() : null;
    if (next === null && inFlight.size === 0) hasOutbox = false;
    const delay = next ? Math.max(0, new Date(next).getTime() - options.now().getTime()) : MAX_SLEEP_MS;
    timer = setTimeout(pump, Math.min(delay, MAX_SLEEP_MS));
    timer.unref();
  }

  function pump(): void {
    isWakeQueued = false;
    if (isStopped) return;
    try {
      collect();
      saveCursor();
      startDue();
    } finally {
      sleep();
    }
  }

  /** Look at the log soon; many wakes in one tick make one pass. */
  function schedule(): void {
    if (isWakeQueued || isStopped) return;
    isWakeQueued = true;
    setImmediate(pump);
  }

  /** Whether an event may make a callback: its type can, and its integration has a URL or a sink. */
  function mayCall(event: LoggedEvent['event']): boolean {
    if (!CALLBACK_TYPES.has(event.type)) return false;
    const urls = repository.integrationsWithUrl();
    if (urls.size === 0 && sinks.size === 0) return false;
    const integrationId = repository.integrationOf(event.conversationId);
    return integrationId === null || urls.has(integrationId) || sinks.has(integrationId);
  }

  /**
   * Publishing calls this with what it logged. Events that follow the cursor with no gap and make
   * no callback move the cursor in memory without a query of the log or a commit (most handoffs,
   * when their bot has no callback); anything else, or a call without events, makes a pass.
   */
  function wake(logged?: readonly LoggedEvent[]): void {
    if (isStopped) return;
    if (!logged || isWakeQueued || cursor === null) return schedule();
    let expected = cursor + 1;
    for (const { event } of logged) {
      if (event.seq !== expected || mayCall(event)) return schedule();
      expected += 1;
    }
    cursor = expected - 1;
  }

  return {
    wake,
    registerSink(integrationId: string, sink: CallbackSink): void {
      sinks.set(integrationId, sink);
    },
    /** Resolves once nothing is being sent (tests, shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size > 0 || isWakeQueued) {
        await Promise.all(inFlight.values());
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    stop(): void {
      if (isStopped) return;
      isStopped = true;
      if (timer) clearTimeout(timer);
      saveCursor();
    },
  };
}

export type CallbackDispatcher = ReturnType<typeof createCallbackDispatcher>;
