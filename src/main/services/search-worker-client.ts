import { Worker } from 'node:worker_threads';
import type { SearchHit } from '../../shared/ipc';
import type { HitRow, SearchOptions, SearchPlan, SearchPlanner } from '../cache/search';
import { SEARCH_WORKER_SOURCE } from './search-worker';

export interface SearchWorkerOptions {
  /** The cache file; the worker opens its own read-only connection to it. */
  file: string;
  /** Same as the core's: the better-sqlite3 binary built for the running runtime. */
  nativeBinding?: string;
  /** The core's planner: its snippet markers are the ones the rows come back with. */
  planner: SearchPlanner;
}

/** The worker could not start or died; the caller may search in-process instead. */
export class SearchWorkerUnavailableError extends Error {
  override readonly name = 'SearchWorkerUnavailableError';
}

type Reply = { id: number; rows: HitRow[] } | { id: number; error: string } | { ready: true };

interface Waiting {
  resolve(rows: HitRow[]): void;
  reject(error: Error): void;
}

/**
 * History search on a worker thread, so a slow query (ranked, a common word, a narrow filter over
 * a big cache) never holds the core's event loop: sync, replies and IPC go on meanwhile. Started on
 * first use (or `warm()`), restarted on the next search if it dies.
 */
export function createSearchWorker(options: SearchWorkerOptions) {
  let worker: Worker | null = null;
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let isClosed = false;

  const failAll = (error: Error): void => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };

  function start(): Worker {
    const started = new Worker(SEARCH_WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: options.file, nativeBinding: options.nativeBinding },
    });
    // An idle search worker must not keep the app (or a test run) alive.
    started.unref();
    started.on('message', (reply: Reply) => {
      if ('ready' in reply) return;
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if ('rows' in reply) entry.resolve(reply.rows);
      else entry.reject(new Error(reply.error));
    });
    const lost = (why: string) => {
      if (worker === started) worker = null;
      failAll(new SearchWorkerUnavailableError(why));
    };
    started.on('error', (error) => lost(`the search worker failed: ${error.message}`));
    started.on('exit', (code) => lost(`the search worker stopped (exit code ${code})`));
    return started;
  }

  function run(plan: SearchPlan): Promise<HitRow[]> {
    if (isClosed) return Promise.reject(new SearchWorkerUnavailableError('the search worker is closed'));
    worker ??= start();
    const id = nextId++;
    const current = worker;
    return new Promise<HitRow[]>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      // Keeps the process alive only while an answer is awaited.
      current.ref();
      current.postMessage({ id, sql: plan.sql, bindings: plan.bindings });
    }).finally(() => {
      if (waiting.size === 0) current.unref();
    });
  }

  return {
    async search(query: string, searchOptions: SearchOptions = {}): Promise<SearchHit[]> {
      const plan = options.planner.plan(query, searchOptions);
      return plan === null ? [] : options.planner.toHits(await run(plan));
    },

    /** Starts the worker ahead of the first search, so typing never waits on its start-up. */
    warm(): void {
      if (!isClosed) worker ??= start();
    },

    async close(): Promise<void> {
      isClosed = true;
      const current = worker;
      worker = null;
      failAll(new SearchWorkerUnavailableError('the search worker is closed'));
      await current?.terminate();
    },
  };
}

export type SearchWorker = ReturnType<typeof createSearchWorker>;
