import { rmSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { startWorkstation } from '../../src/main/browser/workstation';
import { launchChromium, VIEWPORT } from '../lib/browser';
import { measured, type FigureReport } from '../lib/figure';
import { describeBreakdown, longFrameBreakdown, type FrameBreakdown } from '../lib/frame-breakdown';
import { startRafRecording, stopRafRecording, traceFrames } from '../lib/frame-trace';
import { BENCH_PASSWORD, tempDir } from '../lib/hub-fixture';
import { percentile } from '../lib/percentiles';
import { splitTurns, startLongConversation, TRANSCRIPT_AGENT, TRANSCRIPT_CUSTOMER } from '../lib/transcript-load';
import { FRAME_BUDGET_MS, RENDERER_DIR } from './wallboard-console';

export interface TranscriptFigureOptions {
  turns: number;
  /** Pixels per wheel event: a brisk fling, several rows a frame. */
  wheelDeltaPx: number;
  /** Wheel events up at most (stopping at the top), then as many back down. */
  maxWheelSteps: number;
  pageUps: number;
}

const FRAME_MS = 1000 / 60;
/**
 * Wheel events each way over the static page: enough frames for its p95, without a second full
 * fling through 5,000 rows doubling the figure's running time.
 */
const FLOOR_MAX_WHEEL_STEPS = 150;
const KEY_REPEAT_MS = 60;
const TRANSCRIPT = '[aria-label="Transcript"]';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

/**
 * In-page probe of opening: the click on the inbox row is time zero (page clock); `firstTurnMs`
 * is the frame in which the first turn is in the DOM, `atNewestMs` the frame in which the
 * transcript has come to rest at the bottom (the newest turn in view). A string: see RAF_RECORDER.
 */
const OPEN_PROBE = `(() => {
  const state = { clickAt: 0, firstTurnMs: 0, atNewestMs: 0 };
  window.__benchOpen = state;
  document.addEventListener('click', () => {
    if (state.clickAt) return;
    state.clickAt = performance.now();
    const check = () => {
      const list = document.querySelector('${TRANSCRIPT}');
      const hasTurn = list && list.querySelector('[data-testid="turn"]');
      if (hasTurn && !state.firstTurnMs) state.firstTurnMs = performance.now() - state.clickAt;
      if (hasTurn && list.scrollTop > 0 && list.scrollHeight - list.scrollTop - list.clientHeight < 2) {
        state.atNewestMs = performance.now() - state.clickAt;
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, true);
})()`;

interface OpenTimes {
  firstTurnMs: number;
  atNewestMs: number;
}

async function signInAgent(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('sign-in-email').fill(TRANSCRIPT_AGENT.email);
  await page.getByTestId('sign-in-password').fill(BENCH_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
}

const scrollTop = (page: Page) => page.evaluate<number>(`document.querySelector('${TRANSCRIPT}').scrollTop`);

/** Wheel events at one a frame, paced by the clock rather than by the page, so a slow page falls behind. */
async function wheel(page: Page, deltaPx: number, steps: number, stopAtTop: boolean): Promise<number> {
  const started = performance.now();
  let sent = 0;
  for (; sent < steps; sent += 1) {
    await page.mouse.wheel(0, deltaPx);
    if (stopAtTop && sent % 20 === 19 && (await scrollTop(page)) === 0) break;
    const wait = started + (sent + 1) * FRAME_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }
  return sent;
}

/**
 * The same wheel scroll (as many wheel events up, then down, up to FLOOR_MAX_WHEEL_STEPS) over a static page of plain text rows
 * (no app, no React, no virtualisation), in the same browser and run: how much of a frame the
 * loaded machine alone costs, to read the figure against.
 */
async function staticFloor(
  browser: Browser,
  options: TranscriptFigureOptions,
  wheelSteps: number,
  onEvents: Parameters<typeof traceFrames>[3],
): Promise<number[]> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    const rows = Array.from({ length: options.turns }, (_, i) => `<p style="margin:12px;padding:8px;border:1px solid #ccc;border-radius:8px">Turn ${i + 1}: the parcel has not arrived yet and the tracking page has said the same thing since Tuesday.</p>`).join('');
    await page.setContent(`<div id="list" style="height:100vh;overflow-y:auto">${rows}</div>`);
    await page.evaluate(`document.getElementById('list').scrollTop = 1e9`);
    await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
    await sleep(300);
    return await traceFrames(browser, page, async () => {
      const steps = Math.min(wheelSteps, FLOOR_MAX_WHEEL_STEPS);
      await wheel(page, -options.wheelDeltaPx, steps, false);
      await wheel(page, options.wheelDeltaPx, steps, false);
    }, onEvents);
  } finally {
    await page.close();
  }
}

/** Opens the conversation from the inbox, then scrolls it by wheel to the top and back, then pages up by keyboard. */
async function openAndScroll(page: Page, options: TranscriptFigureOptions): Promise<{ open: OpenTimes; wheelSteps: number; reachedTop: boolean }> {
  await page.evaluate(OPEN_PROBE);
  await page.getByTestId('inbox-row').filter({ hasText: TRANSCRIPT_CUSTOMER }).click();
  // Polled from here, not with waitForFunction: its in-page polling evaluates a string, which the
  // app's CSP (no unsafe-eval) refuses whenever the answer is not already there on the first look.
  const deadline = Date.now() + 60_000;
  while (!(await page.evaluate<boolean>('window.__benchOpen.atNewestMs > 0'))) {
    if (Date.now() > deadline) throw new Error('the conversation did not come to rest on its newest turn within 60 s');
    await sleep(20);
  }
  const open = await page.evaluate<OpenTimes>('window.__benchOpen');
  await sleep(300);

  const box = await page.locator(TRANSCRIPT).boundingBox();
  if (!box) throw new Error('the transcript is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const wheelSteps = await wheel(page, -options.wheelDeltaPx, options.maxWheelSteps, true);
  const reachedTop = (await scrollTop(page)) === 0;
  await wheel(page, options.wheelDeltaPx, wheelSteps, false);
  await sleep(300);

  await page.locator(TRANSCRIPT).focus();
  for (let i = 0; i < options.pageUps; i += 1) {
    await page.keyboard.press('PageUp');
    await sleep(KEY_REPEAT_MS);
  }
  await sleep(300);
  return { open, wheelSteps, reachedTop };
}

/**
 * A `turns`-turn conversation made through the real hub (the demo web chat's bot phase handed
 * over, then customer and agent messages: transcript-load.ts), synced by a browser-mode
 * workstation signed in as its agent, opened from the inbox and scrolled in Chromium under a
 * Chrome trace. Value: main-thread work per frame, p95, against the 16.7 ms budget.
 */
export async function benchTranscript(options: TranscriptFigureOptions): Promise<FigureReport> {
  const figureStarted = performance.now();
  const phases: [string, number][] = [];
  // Chromium starts while the hub is filled; whichever fails, the other is closed.
  const [made, launched] = await Promise.allSettled([startLongConversation(splitTurns(options.turns)), launchChromium()]);
  if (made.status === 'rejected' || launched.status === 'rejected') {
    if (made.status === 'fulfilled') await made.value.close();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw made.status === 'rejected' ? made.reason : launched.status === 'rejected' ? launched.reason : new Error('unreachable');
  }
  const conversation = made.value;
  const browser = launched.value;
  const coreDir = tempDir('warmline-bench-transcript-core-');
  const workstation = await startWorkstation({ dataDir: coreDir, hubUrl: conversation.hub.url, rendererDir: RENDERER_DIR, notifier: { notify: () => undefined } });
  let run: Awaited<ReturnType<typeof openAndScroll>>;
  let frames: number[] = [];
  let rafIntervals: number[] = [];
  let floor: number[] = [];
  let breakdown: FrameBreakdown | null = null;
  let floorBreakdown: FrameBreakdown | null = null;
  let syncSeconds = 0;
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const syncStarted = performance.now();
    phases.push(['conversation built, browser and workstation up', (syncStarted - figureStarted) / 1000]);
    await signInAgent(page, workstation.url);
    await page.getByTestId('inbox-row').filter({ hasText: TRANSCRIPT_CUSTOMER }).waitFor({ timeout: 180_000 });
    syncSeconds = (performance.now() - syncStarted) / 1000;
    await sleep(1000);
    await startRafRecording(page);
    const scrollStarted = performance.now();
    let result: typeof run | null = null;
    frames = await traceFrames(
      browser,
      page,
      async () => {
        result = await openAndScroll(page, options);
      },
      (events) => (breakdown = longFrameBreakdown(events, FRAME_BUDGET_MS)),
    );
    rafIntervals = await stopRafRecording(page);
    if (!result) throw new Error('the transcript run did not finish');
    run = result;
    await page.close();
    phases.push(['open and scroll with its trace', (performance.now() - scrollStarted) / 1000]);
    const floorStarted = performance.now();
    floor = await staticFloor(browser, options, run.wheelSteps, (events) => (floorBreakdown = longFrameBreakdown(events, FRAME_BUDGET_MS)));
    phases.push(['floor', (performance.now() - floorStarted) / 1000]);
  } finally {
    await workstation.close();
    await browser.close();
    await conversation.close();
    rmSync(coreDir, { recursive: true, force: true });
  }

  const p95 = percentile(frames, 95);
  const dropped = rafIntervals.filter((interval) => interval > FRAME_BUDGET_MS * 1.5).length;
  return {
    figure: measured('transcript', 'ms (frame p95)', p95, FRAME_BUDGET_MS, { op: '<', value: 1 }),
    details: [
      `${conversation.turns.toLocaleString('en-GB')} turns (${conversation.handoffTurns.toLocaleString('en-GB')} handed over from the demo bot's web chat, the rest customer socket and agent HTTP messages), delivered in ${fixed(conversation.deliverSeconds)} s; agent's workstation signed in and synced in ${fixed(syncSeconds)} s`,
      `open from the inbox: first turns in ${fixed(run.open.firstTurnMs, 0)} ms, at rest on the newest turn in ${fixed(run.open.atNewestMs, 0)} ms`,
      `scroll: ${run.wheelSteps} wheel events of ${options.wheelDeltaPx} px up (${run.reachedTop ? 'reached the first turn' : 'stopped short of the top'}) and back down, one a frame, then ${options.pageUps} PageUp presses every ${KEY_REPEAT_MS} ms`,
      `main-thread work per frame p50 ${fixed(percentile(frames, 50))} / p95 ${fixed(p95)} / max ${fixed(percentile(frames, 100))} ms over ${frames.length} frames (Chrome trace, open and scroll); rAF interval p95 ${fixed(percentile(rafIntervals, 95))} ms, ${dropped} of ${rafIntervals.length} intervals over 1.5 frames`,
      `long frames of the transcript: ${breakdown ? describeBreakdown(breakdown) : 'no trace'}; of the floor: ${floorBreakdown ? describeBreakdown(floorBreakdown) : 'no trace'}`,
      `machine floor, the same wheel scroll (at most ${FLOOR_MAX_WHEEL_STEPS} events each way) over a static page of ${options.turns.toLocaleString('en-GB')} plain rows in the same browser: work per frame p50 ${fixed(percentile(floor, 50))} / p95 ${fixed(percentile(floor, 95))} ms over ${floor.length} frames`,
      `figure took ${fixed((performance.now() - figureStarted) / 1000, 0)} s: ${phases.map(([phase, seconds]) => `${phase} ${fixed(seconds, 0)} s`).join(', ')}`,
    ],
  };
}
