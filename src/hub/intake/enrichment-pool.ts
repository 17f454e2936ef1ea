import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PrepareJob, WorkerAnswer } from './enrichment-worker';
import { prepareEnvelopeText, type PreparedEnvelope } from './prepare-envelope';

export interface EnrichmentPoolOptions {
  /** Worker threads; 0 prepares every handoff on the calling thread. Default: see defaultWorkers. */
  workers?: number;
  /** A job a worker has not answered in this long is done on the calling thread, and the worker replaced. */
  timeoutMs?: number;
  /** Where a worker comes from (tests); null when none can be started. */
  startWorker?: () => Worker | null;
}

export interface EnrichmentPool {
  /** Parses, validates and enriches a handoff body as sent, on a worker when one is up, else on this thread. */
  prepare(text: string): Promise<PreparedEnvelope>;
  /** Starts the workers now rather than at the first handoff (a worker takes a while to load). */
  warm(): void;
  /** Resolves once a worker is up (true) or none can be (false), at most after `timeoutMs`. */
  whenReady(timeoutMs?: number): Promise<boolean>;
  /** How many handoffs each side prepared: workers, and this thread (no worker up, or one failed). */
  counts(): { onWorkers: number; onThread: number };
  /** Workers alive now (starting or ready). */
  workers(): number;
  close(): Promise<void>;
}

interface Pending {
  text: string;
  resolve(prepared: PreparedEnvelope): void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  isReady: boolean;
  pending: Map<number, Pending>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One worker per core beyond the request thread's, at most two: the request thread is freed, but
 * two threads on one core slow each other, so a machine with a free core gains and a saturated one
 * does not (docs/decisions/002-enrichment-worker-pool.md). `workers: 0` keeps the whole handoff on
 * the request thread.
 */
export const defaultWorkers = (cores: number): number => Math.max(0, Math.min(2, cores - 1));

/** A failed worker's replacement waits this long, doubling per failure in a row, up to the cap. */
const RESPAWN_BASE_MS = 250;
const RESPAWN_MAX_MS = 30_000;

/**
 * Enrichment (sentiment, fields, reason…) is most of a handoff's CPU; a worker does it on the
 * machine's other core while the request thread parses, writes and routes other handoffs. The
 * request still waits for it: the conversation is stored, queued and offered already enriched.
 * A worker that is still starting, has died or is stuck never holds a handoff up: the job is
 * prepared on the calling thread instead, with the same function.
 */
export function createEnrichmentPool(options: EnrichmentPoolOptions = {}): EnrichmentPool {
  const size = options.workers ?? defaultWorkers(availableParallelism());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const start = options.startWorker ?? startEnrichmentWorker;
  const slots: Slot[] = [];
  let nextId = 0;
  // Failures in a row (a worker that answers resets it): they space out replacements, never stop them.
  let failures = 0;
  let respawnAt = 0;
  let respawnTimer: NodeJS.Timeout | null = null;
  // No worker can be started here at all (a bundle without the worker file): the calling thread works.
  let isUnavailable = false;
  let isClosed = false;
  const readyWaiters = new Set<() => void>();
  const counts = { onWorkers: 0, onThread: 0 };

  const wakeWaiters = () => [...readyWaiters].forEach((wake) => wake());

  const onThread = (text: string): PreparedEnvelope => {
    counts.onThread += 1;
    return prepareEnvelopeText(text);
  };

  function retire(slot: Slot, isFailure: boolean): void {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    if (isFailure) {
      failures += 1;
      respawnAt = Date.now() + Math.min(RESPAWN_MAX_MS, RESPAWN_BASE_MS * 2 ** (failures - 1));
    }
    for (const job of slot.pending.values()) {
      clearTimeout(job.timer);
      job.resolve(onThread(job.text));
    }
    slot.pending.clear();
    void slot.worker.terminate();
    fill();
    wakeWaiters();
  }

  function spawn(): void {
    let worker: Worker | null;
    try {
      worker = start();
    } catch {
      worker = null;
    }
    if (!worker) {
      isUnavailable = true;
      return;
    }
    const slot: Slot = { worker, isReady: false, pending: new Map() };
    worker.on('message', (answer: WorkerAnswer) => {
      if (answer.type === 'ready') {
        slot.isReady = true;
        wakeWaiters();
        return;
      }
      const job = slot.pending.get(answer.id);
      if (!job) return;
      slot.pending.delete(answer.id);
      clearTimeout(job.timer);
      counts.onWorkers += 1;
      failures = 0;
      job.resolve(answer.prepared);
    });
    worker.on('error', () => retire(slot, true));
    worker.on('exit', () => retire(slot, !isClosed));
    // Idle workers must not keep a finished process alive; a pending job's timer does while it waits.
    worker.unref();
    slots.push(slot);
  }

  /** Brings the pool back to its size; after a failure, once the backoff is over (a timer comes back for it). */
  function fill(): void {
    if (isClosed || isUnavailable || slots.length >= size) return;
    const wait = respawnAt - Date.now();
    if (wait > 0) {
      respawnTimer ??= setTimeout(() => {
        respawnTimer = null;
        fill();
      }, wait);
      respawnTimer.unref();
      return;
    }
    while (!isClosed && !isUnavailable && slots.length < size) spawn();
  }

  function leastBusy(): Slot | null {
    fill();
    let best: Slot | null = null;
    for (const slot of slots) {
      if (slot.isReady && (!best || slot.pending.size < best.pending.size)) best = slot;
    }
    return best;
  }

  return {
    prepare(text: string): Promise<PreparedEnvelope> {
      const slot = isClosed || size === 0 ? null : leastBusy();
      if (!slot) return Promise.resolve(onThread(text));
      return new Promise((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => retire(slot, true), timeoutMs);
        slot.pending.set(id, { text, resolve, timer });
        // The body goes as its text: copying a string costs the request thread next to nothing,
        // where cloning the parsed object (and parsing it first) cost it a tenth of a handoff.
        slot.worker.postMessage({ id, text } satisfies PrepareJob);
      });
    },
    warm: fill,
    async whenReady(timeoutMs = 30_000): Promise<boolean> {
      fill();
      const isUp = () => slots.some((slot) => slot.isReady);
      const deadline = Date.now() + timeoutMs;
      while (!isUp() && slots.length > 0 && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            readyWaiters.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
          readyWaiters.add(wake);
        });
      }
      return isUp();
    },
    counts: () => ({ ...counts }),
    workers: () => slots.length,
    async close(): Promise<void> {
      isClosed = true;
      if (respawnTimer) clearTimeout(respawnTimer);
      for (const slot of [...slots]) retire(slot, false);
    },
  };
}

let shared: EnrichmentPool | null = null;

/**
 * The process's pool, like libuv's thread pool: sized to the machine, not to a hub. A process
 * rarely runs more than one hub, but tests and the bench start many, one after another, and each
 * would otherwise load its own worker. Its workers are unref'd, so it is never closed.
 */
export function sharedEnrichmentPool(): EnrichmentPool {
  shared ??= createEnrichmentPool();
  return shared;
}

/**
 * The worker as this code runs: from the built .js beside it, or from source (tsx, vitest) through
 * tsx's require hook, the way the hub itself was loaded. A bundle without the worker file (the
 * Electron main bundle's embedded hub) gets null, and the pool prepares on the calling thread.
 */
export function startEnrichmentWorker(): Worker | null {
  const isSource = __filename.endsWith('.ts');
  const entry = join(__dirname, `enrichment-worker.${isSource ? 'ts' : 'js'}`);
  if (!existsSync(entry)) return null;
  if (!isSource) return new Worker(entry);
  const tsx = createRequire(__filename).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, { eval: true });
}
