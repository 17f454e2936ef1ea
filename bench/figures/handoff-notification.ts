import { rmSync } from 'node:fs';
import { createCore } from '../../src/main/core/create-core';
import type { Notifier } from '../../src/main/notify/notifier';
import { measured, type FigureReport } from '../lib/figure';
import { handoffEnvelope } from '../lib/envelopes';
import { BENCH_AGENT, BENCH_INTEGRATION_TOKEN, BENCH_PASSWORD, BENCH_QUEUE, startBenchHub, tempDir } from '../lib/hub-fixture';
import { createPoster } from '../lib/http-post';
import { summarize } from '../lib/percentiles';
import { createRandom } from '../lib/prng';
import { createSentences } from '../lib/sentences';
import { startBareNotifyPair } from './bare-notify-server';

export interface NotificationOptions {
  handoffs: number;
  warmup: number;
  budgetMs: number;
  /** A PostgreSQL database for the hub's store (the SQLite default otherwise), and the row's name then. */
  databaseUrl?: string;
  name?: string;
}

const PER_HANDOFF_TIMEOUT_MS = 5000;

/**
 * From `POST /v1/handoffs` leaving the bot to the desktop core calling its notifier: the real hub
 * (startHub) and the real core (createCore, signed in over HTTP, streaming over ws, caching to
 * SQLite), both on loopback in this process. One handoff at a time, so each latency is the path's
 * own and not a queue's. The baseline (a bare POST whose handler sends one bare ws message of the
 * same bytes) alternates with the real path, handoff by handoff, so both see the same machine.
 */
export async function benchHandoffNotification(options: NotificationOptions): Promise<FigureReport> {
  const random = createRandom(42);
  const sentences = createSentences(random);
  // The bench agent never answers, so with the hub's offer timeout every offer of the first half of
  // the run would expire, move and be re-offered (and re-cached) during the second: background
  // work of the bench's own making, not of the path measured.
  const hub = await startBenchHub({ offerTimeoutMs: null, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  const coreDir = tempDir('warmline-bench-core-');
  const shownAt = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  const notifier: Notifier = {
    notify(notification) {
      const at = performance.now();
      shownAt.set(notification.id, at);
      waiting.get(notification.id)?.(at);
    },
  };
  const core = createCore({ dataDir: coreDir, defaultHubUrl: hub.url, notifier });
  const poster = createPoster(hub.url, BENCH_INTEGRATION_TOKEN);
  let bare: Awaited<ReturnType<typeof startBareNotifyPair>> | null = null;
  let bareBody = '';

  const notified = (id: string): Promise<number | null> => {
    const known = shownAt.get(id);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), PER_HANDOFF_TIMEOUT_MS);
      waiting.set(id, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  };

  const viaHub = async (index: number): Promise<number | null> => {
    const body = JSON.stringify(handoffEnvelope(random, sentences, `notify-${index}`, 20, BENCH_QUEUE));
    const started = performance.now();
    const answer = await poster.post('/v1/handoffs', body);
    answered.push(performance.now() - started);
    if (answer.status !== 201) return null;
    const id = (JSON.parse(answer.text) as { conversationId: string }).conversationId;
    const at = await notified(id);
    waiting.delete(id);
    return at === null ? null : at - started;
  };

  const real: number[] = [];
  const answered: number[] = [];
  const baseline: number[] = [];
  let missed = 0;
  try {
    await core.signIn({ email: BENCH_AGENT.email, password: BENCH_PASSWORD });
    const onlineBy = Date.now() + 10_000;
    while (core.session().connection.status !== 'online' && Date.now() < onlineBy) await new Promise((resolve) => setTimeout(resolve, 10));
    if (core.session().connection.status !== 'online') throw new Error('the bench core did not come online');

    for (let i = 0; i < options.warmup; i += 1) await viaHub(i);
    answered.length = 0;
    // The baseline sends the bytes the hub sent the agent for the last offer, and posts the same body size.
    const { events } = hub.running.hub.context;
    const offer = (await events.forAgent(BENCH_AGENT.id, Math.max(0, (await events.latestSeq()) - 10), 20)).filter((event) => event.type === 'conversation:offered').at(-1);
    bare = await startBareNotifyPair(JSON.stringify({ type: 'events', v: 1, events: [offer] }));
    bareBody = JSON.stringify(handoffEnvelope(random, sentences, 'bare', 20, BENCH_QUEUE));
    const barePoster = createPoster(bare.url, BENCH_INTEGRATION_TOKEN);

    const deadline = performance.now() + options.budgetMs;
    for (let i = 0; i < options.handoffs && performance.now() < deadline; i += 1) {
      const latency = await viaHub(options.warmup + i);
      if (latency === null) missed += 1;
      else real.push(latency);
      const started = performance.now();
      const arrived = bare.nextMessage();
      await barePoster.post('/v1/handoffs', bareBody);
      baseline.push((await arrived) - started);
    }
    barePoster.close();
  } finally {
    poster.close();
    core.close();
    await bare?.close();
    await hub.close();
    rmSync(coreDir, { recursive: true, force: true });
  }

  const hubStats = summarize(real);
  const bareStats = summarize(baseline);
  return {
    figure: measured(options.name ?? 'handoff → notification', 'ms (p99)', hubStats.p99, bareStats.p99, { op: '<=', value: 2 }, missed === 0 && real.length >= options.handoffs),
    details: [
      `${real.length} handoffs of 20 turns (after ${options.warmup} warm-up), each awaited before the next, alternating with the baseline; ${missed} never notified within ${PER_HANDOFF_TIMEOUT_MS / 1000} s`,
      `hub → core → notifier: p50 ${hubStats.p50.toFixed(2)} ms, p99 ${hubStats.p99.toFixed(2)} ms, max ${hubStats.max.toFixed(1)} ms`,
      // The hub writes the offer frame before its answer, so this process reads the 201 only after
      // the core has notified and cached the offer: an upper bound of the hub's own time, not a part of the path.
      `the bot's 201 as read here (after the core's notify and cache write): p50 ${summarize(answered).p50.toFixed(2)} ms, p99 ${summarize(answered).p99.toFixed(2)} ms`,
      `bare POST + bare ws message (${bareBody.length} B body): p50 ${bareStats.p50.toFixed(2)} ms, p99 ${bareStats.p99.toFixed(2)} ms; p50 ratio ${(hubStats.p50 / bareStats.p50).toFixed(1)}×`,
    ],
  };
}
