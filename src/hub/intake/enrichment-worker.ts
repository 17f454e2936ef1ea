import { parentPort } from 'node:worker_threads';
import { prepareEnvelopeText, type PreparedEnvelope } from './prepare-envelope';

/** One job in, one answer out, matched by id: see enrichment-pool. */
export interface PrepareJob {
  id: number;
  text: string;
}

/** What a worker posts: `ready` once loaded (jobs before it would wait on the load), then answers. */
export type WorkerAnswer = { type: 'ready' } | { type: 'prepared'; id: number; prepared: PreparedEnvelope };

// A worker of the enrichment pool: the handoff's parsing, validation and enrichment on another core.
parentPort?.on('message', (job: PrepareJob) => {
  parentPort?.postMessage({ type: 'prepared', id: job.id, prepared: prepareEnvelopeText(job.text) } satisfies WorkerAnswer);
});
parentPort?.postMessage({ type: 'ready' } satisfies WorkerAnswer);
