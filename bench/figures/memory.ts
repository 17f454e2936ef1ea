import type { Page } from '@playwright/test';
import { EVENTS_PER_CYCLE, PROBE_QUEUE, startBoardHub, type BoardHub } from '../lib/board-load';
import { heapAfterGc, launchChromium, VIEWPORT } from '../lib/browser';
import { measured, type FigureReport } from '../lib/figure';

export interface MemoryOptions {
  agents: number;
  backlog: number;
  /** The real-world rate the replay stands for: 50 events/s makes a minute 3,000 events. */
  realEventsPerSecond: number;
  /** Real-world seconds replayed in all (3,600 for an hour). */
  replaySeconds: number;
  /** Churn cycles per second of the accelerated replay. */
  cyclesPerSecond: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const MIB = 1024 * 1024;
const PROBE_CELL = `[data-testid="wallboard-queue-${PROBE_QUEUE}"] [data-testid="queue-waiting"]`;

/** Drives churn until the hub has logged `events` more events, then waits until the board stops changing. */
async function replay(hub: BoardHub, page: Page, probes: { count: number }, events: number, cyclesPerSecond: number): Promise<{ seconds: number; failures: number }> {
  const log = hub.running.hub.context.events;
  const target = log.latestSeq() + events;
  const started = performance.now();
  const churn = hub.churn(cyclesPerSecond, 100);
  let lastSeq = log.latestSeq();
  let stalledMs = 0;
  while (log.latestSeq() < target) {
    await sleep(100);
    const seq = log.latestSeq();
    stalledMs = seq === lastSeq ? stalledMs + 100 : 0;
    lastSeq = seq;
    if (stalledMs > 10_000) throw new Error(`the replay stalled at seq ${seq} of ${target}`);
  }
  const tally = await churn.stop();
  // The stream is in order: once a probe handoff shows, every event before it has been applied.
  await hub.probe();
  probes.count += 1;
  await page.locator(PROBE_CELL).filter({ hasText: new RegExp(`^${probes.count}$`) }).waitFor({ timeout: 300_000 });
  return { seconds: (performance.now() - started) / 1000, failures: tally.failures };
}

/**
 * The wallboard page (served by the hub, as on a TV) fed the first minute of traffic at real-world
 * rates' worth of events, its JS heap read after a forced GC; then the rest of `replaySeconds`
 * replayed as fast as hub and page keep up, and the heap read again. The board keeps aggregates and
 * active conversations only, so with a steady active set the heap should not grow.
 */
export async function benchMemory(options: MemoryOptions): Promise<FigureReport> {
  const hub = await startBoardHub({ agents: options.agents, backlog: options.backlog });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(hub.wallboardUrl);
    await page.locator(PROBE_CELL).filter({ hasText: /^0$/ }).waitFor({ timeout: 60_000 });
    const probes = { count: 0 };
    const perMinute = options.realEventsPerSecond * 60;
    const total = options.realEventsPerSecond * options.replaySeconds;
    const first = await replay(hub, page, probes, perMinute, options.cyclesPerSecond);
    const afterMinute = await heapAfterGc(page);
    const rest = await replay(hub, page, probes, total - perMinute, options.cyclesPerSecond);
    const afterAll = await heapAfterGc(page);
    const growth = ((afterAll - afterMinute) / afterMinute) * 100;
    return {
      figure: measured('memory', '% heap growth', growth, null, { op: '<', value: 10 }, first.failures + rest.failures === 0),
      details: [
        `wallboard with ${options.backlog.toLocaleString('en-GB')} waiting conversations and ${options.agents} agents; ${total.toLocaleString('en-GB')} events (${(options.replaySeconds / 60).toFixed(0)} min at ${options.realEventsPerSecond}/s) replayed as handoff → offer → accept → resolve cycles at up to ${options.cyclesPerSecond * EVENTS_PER_CYCLE} events/s`,
        `JS heap after GC: ${(afterMinute / MIB).toFixed(2)} MiB after the first minute (${perMinute.toLocaleString('en-GB')} events, ${first.seconds.toFixed(0)} s), ${(afterAll / MIB).toFixed(2)} MiB after all (${rest.seconds.toFixed(0)} s more); ${first.failures + rest.failures} failed requests`,
      ],
    };
  } finally {
    await browser.close();
    await hub.close();
  }
}
