import http from 'node:http';
import { createRandom } from './prng';
import { createSentences } from './sentences';
import { handoffEnvelope } from './envelopes';
import { summarize, type Summary } from './percentiles';

/**
 * The ingest load generator, run as a child process so that its CPU is not taken from the server
 * being measured. A few keep-alive connections post distinct handoffs as fast as answers come back.
 */

export interface LoadRequest {
  url: string;
  path: string;
  token: string;
  queue: string;
  turns: number;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  maxRequests: number;
  /** Makes envelope ids unique across runs against the same server. */
  runId: string;
  seed: number;
}

export interface LoadResult {
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  seconds: number;
  latencyMs: Summary;
  bodyBytes: number;
  /** Every request answered, warm-up included: what the server did in the whole call. */
  sent: number;
}

const DISTINCT_BODIES = 200;
const ID_MARK = '__bench_id__';

export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const random = createRandom(request.seed);
  const sentences = createSentences(random);
  // Envelopes differ in text; the id differs per request so that each one is a new handoff, not a duplicate.
  const templates = Array.from({ length: DISTINCT_BODIES }, () => {
    const [before, after] = JSON.stringify(handoffEnvelope(random, sentences, ID_MARK, request.turns, request.queue)).split(ID_MARK);
    return { before: before ?? '', after: after ?? '' };
  });
  const target = new URL(request.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: request.concurrency });
  const post = (body: string): Promise<number> =>
    new Promise((resolve) => {
      const outgoing = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: request.path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${request.token}` },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on('error', () => resolve(0));
      outgoing.end(body);
    });

  let sent = 0;
  let ok = 0;
  let failed = 0;
  let bodyBytes = 0;
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const started = performance.now();
  const measureFrom = started + request.warmupMs;
  const deadline = measureFrom + request.measureMs;

  async function worker(): Promise<void> {
    while (sent < request.maxRequests && performance.now() < deadline) {
      const index = sent;
      sent += 1;
      const template = templates[index % DISTINCT_BODIES] ?? { before: '', after: '' };
      const body = `${template.before}${request.runId}-${index}${template.after}`;
      const t0 = performance.now();
      const status = await post(body);
      const t1 = performance.now();
      if (t0 < measureFrom) continue;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        ok += 1;
        bodyBytes += body.length;
        latencies.push(t1 - t0);
      } else failed += 1;
    }
  }
  await Promise.all(Array.from({ length: request.concurrency }, worker));
  // Requests started before the deadline are counted, so the window ends when the last one answered.
  const end = performance.now();
  agent.destroy();
  return {
    ok,
    failed,
    statuses,
    seconds: Math.max(0.001, (end - measureFrom) / 1000),
    latencyMs: summarize(latencies),
    bodyBytes: ok === 0 ? 0 : Math.round(bodyBytes / ok),
    sent,
  };
}

// As a child process: each request in gets one result out, one at a time.
if (process.send) {
  process.on('message', (message: LoadRequest) => {
    void runLoad(message).then((result) => process.send?.(result));
  });
}
