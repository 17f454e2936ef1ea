import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { createEnrichmentPool, type EnrichmentPool } from '../../../src/hub/intake/enrichment-pool';
import { nestsDeeperThan } from '../../../src/shared/json-bounds';
import { demoHub, envelope } from '../../support/hub';

/** `extra` nested `depth` levels deep, as the attacker sent it (text: JSON.stringify itself recurses). */
const deepHandoff = (depth: number) => {
  const text = JSON.stringify(envelope({ extra: { marker: true } }));
  return text.replace('{"marker":true}', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
};

let hub: Hub | null = null;
let pool: EnrichmentPool | null = null;
afterEach(async () => {
  await hub?.app.close();
  await pool?.close();
  hub = null;
  pool = null;
});

describe('deeply nested JSON', () => {
  it('answers 400 to an extra nested 1,000 and 4,000 levels deep, three times over, and still takes a normal handoff', async () => {
    hub = await demoHub();
    const post = (url: string, payload: string) =>
      hub!.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}`, 'content-type': 'application/json' }, payload });
    for (const depth of [1000, 4000, 4000, 4000]) {
      const refused = await post('/v1/handoffs', deepHandoff(depth));
      expect(refused.statusCode, `depth ${depth}`).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'invalid_envelope', details: [{ message: expect.stringMatching(/nests deeper than 32/) }] } });
    }
    for (const url of ['/v1/sessions', '/v1/integrations/rasa', '/v1/bot-sessions']) {
      const refused = await post(url, `${'['.repeat(5000)}${']'.repeat(5000)}`);
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json(), url).toMatchObject({ error: { code: expect.stringMatching(/invalid_json|invalid_payload/) } });
    }
    expect((await post('/v1/handoffs', deepHandoff(20))).statusCode).toBe(201);
  });

  it('counts nesting outside strings only, escapes included', () => {
    expect(nestsDeeperThan('{"a":"[[[[[[\\"[[[["}', 2)).toBe(false);
    expect(nestsDeeperThan('[[[]]]', 2)).toBe(true);
    expect(nestsDeeperThan('[[]][[]]', 2)).toBe(false);
  });
});

describe('the enrichment pool after failures', () => {
  it('replaces a worker that hangs, however often, so the pool is never left empty', async () => {
    let starts = 0;
    const start = () => {
      starts += 1;
      const worker = new Worker("const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ type: 'ready' });", { eval: true });
      return worker;
    };
    pool = createEnrichmentPool({ workers: 1, timeoutMs: 50, startWorker: start });
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await pool.whenReady(10_000);
      const body = JSON.stringify(envelope());
      expect((await pool.prepare(body)).ok).toBe(true);
      // The hung worker is gone; a replacement comes after a backoff, and keeps coming.
      await vi.waitFor(() => expect(starts).toBe(attempt + 1), { timeout: 10_000 });
    }
    await vi.waitFor(() => expect(pool!.workers()).toBe(1));
    expect(pool.counts().onThread).toBe(4);
  }, 30_000);

  it('keeps preparing on workers once a replacement answers', async () => {
    let hangs = 2;
    const start = () => {
      const behaviour = hangs-- > 0 ? '' : "parentPort.postMessage({ type: 'prepared', id: job.id, prepared: { ok: false, isInvalidJson: true } });";
      const worker = new Worker(`const { parentPort } = require('node:worker_threads'); parentPort.on('message', (job) => { ${behaviour} }); parentPort.postMessage({ type: 'ready' });`, { eval: true });
      void once(worker, 'online');
      return worker;
    };
    pool = createEnrichmentPool({ workers: 1, timeoutMs: 50, startWorker: start });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await pool.whenReady(10_000);
      await pool.prepare('{}');
      await vi.waitFor(() => expect(pool!.workers()).toBe(1), { timeout: 10_000 });
    }
    await pool.whenReady(10_000);
    await pool.prepare('{}');
    expect(pool.counts().onWorkers).toBe(1);
  }, 30_000);
});
