import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEnrichmentPool, defaultWorkers, type EnrichmentPool } from '../../../src/hub/intake/enrichment-pool';
import { prepareEnvelope, prepareEnvelopeText } from '../../../src/hub/intake/prepare-envelope';
import { envelope } from '../../support/hub';

// Without summary or sentiment, so that enrichment has something to derive.
const handoff = () => {
  const { summary: _summary, ...rest } = envelope({
    transcript: [
      { id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'My order 88231 never came and I am furious, this is the third time!!!' },
      { id: 't2', at: '2026-11-20T10:12:04Z', author: 'bot', text: 'Sorry to hear that. Can I have your email?' },
      { id: 't3', at: '2026-11-20T10:12:09Z', author: 'customer', text: 'maria.okafor@example.com. I want to talk to a real person' },
    ],
  });
  return JSON.stringify(rest);
};

/** A worker of the given behaviour, its `ready` awaited by the test through `started`. */
function fakeWorker(onJob: 'exit' | 'ignore'): { start: () => Worker; started: Promise<unknown> } {
  let resolveStarted: (value: unknown) => void = () => undefined;
  const started = new Promise((resolve) => (resolveStarted = resolve));
  const code = `
    const { parentPort } = require('node:worker_threads');
    parentPort.on('message', () => { ${onJob === 'exit' ? 'process.exit(1);' : ''} });
    parentPort.postMessage({ type: 'ready' });`;
  return {
    start: () => {
      const worker = new Worker(code, { eval: true });
      resolveStarted(once(worker, 'message'));
      return worker;
    },
    started,
  };
}

let pool: EnrichmentPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('enrichment pool', () => {
  it('enriches a handoff on a worker thread exactly as the calling thread would', async () => {
    const workers = createEnrichmentPool({ workers: 1 });
    pool = workers;
    workers.warm();
    const body = handoff();
    // A worker loads for a moment; until then the calling thread prepares, so ask until a worker answered.
    let prepared = await workers.prepare(body);
    await vi.waitFor(
      async () => {
        prepared = await workers.prepare(body);
        expect(workers.counts().onWorkers).toBeGreaterThan(0);
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(prepared).toEqual(prepareEnvelopeText(body));
    expect(prepared.ok && prepared.envelope.summary?.source).toBe('derived');
    expect(prepared.ok && prepared.envelope.sentiment?.source).toBe('derived');
  }, 30_000);

  it('leaves the request thread its own core: no worker on one core, one on two, never more than two', () => {
    expect([1, 2, 3, 16].map(defaultWorkers)).toEqual([0, 1, 2, 2]);
  });

  it('answers an invalid body with its schema problems, not an enriched envelope', async () => {
    pool = createEnrichmentPool({ workers: 0 });
    const prepared = await pool.prepare(JSON.stringify({ v: 1, id: 'x', customer: {}, transcript: 'none' }));
    expect(prepared.ok).toBe(false);
    expect('problems' in prepared && prepared.problems.map((problem) => problem.path)).toEqual(expect.arrayContaining(['customer.name', 'transcript']));
  });

  it('prepares on the calling thread when no worker can be started', async () => {
    pool = createEnrichmentPool({ workers: 1, startWorker: () => null });
    const body = handoff();
    expect(await pool.prepare(body)).toEqual(prepareEnvelopeText(body));
    expect(pool.counts()).toEqual({ onWorkers: 0, onThread: 1 });
  });

  it('still prepares the handoff of a worker that dies with it, on the calling thread', async () => {
    const crashing = fakeWorker('exit');
    pool = createEnrichmentPool({ workers: 1, startWorker: crashing.start });
    pool.warm();
    await crashing.started;
    const body = handoff();
    expect(await pool.prepare(body)).toEqual(prepareEnvelopeText(body));
    expect(pool.counts()).toEqual({ onWorkers: 0, onThread: 1 });
  });

  it('gives up on a worker that does not answer in time and prepares the handoff on the calling thread', async () => {
    const stuck = fakeWorker('ignore');
    pool = createEnrichmentPool({ workers: 1, timeoutMs: 100, startWorker: stuck.start });
    pool.warm();
    await stuck.started;
    const body = handoff();
    expect(await pool.prepare(body)).toEqual(prepareEnvelopeText(body));
    expect(pool.counts()).toEqual({ onWorkers: 0, onThread: 1 });
  });
});

describe('prepareEnvelope', () => {
  it('hands off with what the bot gave when enrichment throws, marked as not enriched', () => {
    const body = JSON.parse(handoff()) as unknown;
    const prepared = prepareEnvelope(body, () => {
      throw new Error('an extractor tripped on this transcript');
    });
    expect(prepared).toEqual({ ok: true, envelope: body, isEnriched: false });
  });

  it('refuses JSON that is broken or carries prototype-pollution keys at any depth, escaped or not', () => {
    expect(prepareEnvelopeText('{"v":1,')).toEqual({ ok: false, isInvalidJson: true });
    const valid = JSON.parse(handoff()) as Record<string, unknown>;
    const poisoned = [
      JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"polluted":true},'),
      JSON.stringify({ ...valid, extra: { deep: { constructor: { prototype: { polluted: true } } } } }),
      JSON.stringify({ ...valid, extra: { note: 1 } }).replace('"note"', '"\\u005f_proto__"'),
    ];
    for (const text of poisoned) expect(prepareEnvelopeText(text)).toEqual({ ok: false, isInvalidJson: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prepareEnvelopeText(JSON.stringify({ ...valid, extra: { constructor: 'a word, not a prototype' } })).ok).toBe(true);
  });
});
