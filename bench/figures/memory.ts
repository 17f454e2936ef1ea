import type { Page } from '@playwright/test';
import { PROBE_QUEUE, startBoardHub, type BoardHub } from '../lib/board-load';
import { heapAfterGc, launchChromium, VIEWPORT } from '../lib/browser';
import { measured, type FigureReport } from '../lib/figure';
import { growthLines, heapGrowth, heapSnapshotAfterGc } from '../lib/heap';
import { BOARD_EVENTS_PER_CYCLE, createServiceChurn, type ServiceChurn } from '../lib/service-churn';

export interface MemoryOptions {
  agents: number;
  backlog: number;
  /** The real-world rate the replay stands for: 50 events/s makes a minute 3,000 events. */
  realEventsPerSecond: number;
  /** Real-world seconds replayed in all (3,600 for an hour). */
  replaySeconds: number;
  /** Cycles run back to back before the hub's stream gets a turn to send them. */
  cyclesPerBatch: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const MIB = 1024 * 1024;
const PROBE_CELL = `[data-testid="wallboard-queue-${PROBE_QUEUE}"] [data-testid="queue-waiting"]`;
/** The queue board-load's agents staff (the churn's queue there). */
const LIVE_QUEUE = 'live';

interface Leg {
  seconds: number;
  unaccepted: number;
  drained: number;
}

/**
 * Folds `events` board events into the page as whole cycles, ends anything left open in the live
 * queue, then waits until the page has applied all of it: the stream is in order, so once a probe
 * handoff shows, every event before it has been applied.
 */
async function replay(hub: BoardHub, churn: ServiceChurn, page: Page, probes: { count: number }, events: number, cyclesPerBatch: number): Promise<Leg> {
  const started = performance.now();
  let unaccepted = 0;
  for (let cycles = Math.ceil(events / BOARD_EVENTS_PER_CYCLE); cycles > 0; cycles -= cyclesPerBatch) {
    unaccepted += await churn.cycles(Math.min(cycles, cyclesPerBatch));
    // A macrotask turn lets the hub flush the batch to the page's socket before the next one.
    await sleep(0);
  }
  const drained = await churn.drain();
  await hub.probe();
  probes.count += 1;
  await page.locator(PROBE_CELL).filter({ hasText: new RegExp(`^${probes.count}$`) }).waitFor({ timeout: 600_000 });
  return { seconds: (performance.now() - started) / 1000, unaccepted, drained };
}

/**
 * The wallboard page (served by the hub, as on a TV) fed the first minute of traffic at real-world
 * rates' worth of events, its JS heap read after forced GCs; then the rest of `replaySeconds`
 * replayed as fast as hub and page keep up, and the heap read again. Every cycle closes what it
 * opens, so the board legitimately holds the same conversations (the backlog and the probes) at
 * both readings: any growth is the page keeping something per event. A heap-snapshot diff names
 * what grew.
 */
export async function benchMemory(options: MemoryOptions): Promise<FigureReport> {
  const hub = await startBoardHub({ agents: options.agents, backlog: options.backlog });
  const churn = await createServiceChurn(hub.running, LIVE_QUEUE);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(hub.wallboardUrl);
    await page.locator(PROBE_CELL).filter({ hasText: /^0$/ }).waitFor({ timeout: 60_000 });
    const probes = { count: 0 };
    const perMinute = options.realEventsPerSecond * 60;
    const total = options.realEventsPerSecond * options.replaySeconds;
    const first = await replay(hub, churn, page, probes, perMinute, options.cyclesPerBatch);
    const afterMinute = await heapAfterGc(page);
    const minuteHeap = await heapSnapshotAfterGc(page);
    const rest = await replay(hub, churn, page, probes, total - perMinute, options.cyclesPerBatch);
    const afterAll = await heapAfterGc(page);
    const grew = growthLines(heapGrowth(minuteHeap, await heapSnapshotAfterGc(page), 5));
    const growth = ((afterAll - afterMinute) / afterMinute) * 100;
    const unaccepted = first.unaccepted + rest.unaccepted;
    return {
      figure: measured('memory', '% heap growth', growth, null, { op: '<', value: 10 }),
      details: [
        `wallboard with ${options.backlog.toLocaleString('en-GB')} waiting conversations and ${options.agents} agents; ${total.toLocaleString('en-GB')} board events (${(options.replaySeconds / 60).toFixed(0)} min at ${options.realEventsPerSecond}/s) as handoff → offer → accept → resolve cycles through the hub's conversation service and its stream, as fast as hub and page keep up`,
        `JS heap after GC: ${(afterMinute / MIB).toFixed(2)} MiB after the first minute (${perMinute.toLocaleString('en-GB')} events, ${first.seconds.toFixed(0)} s), ${(afterAll / MIB).toFixed(2)} MiB after all (${rest.seconds.toFixed(0)} s more); ${unaccepted} cycles found nobody free and were abandoned`,
        `largest growth by kind (heap snapshots): ${grew.join('; ')}`,
      ],
    };
  } finally {
    await browser.close();
    await hub.close();
  }
}
