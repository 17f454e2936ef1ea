import type { Browser, Page } from '@playwright/test';

/** The fields of a Chrome trace event that frame timing reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame'];

/** The renderer main thread's top-level tasks, grouped by the frame they start in. */
export interface FrameTasks {
  /** `pid:tid` of the main thread: the one with the most frames, so other tabs or a blank renderer do not count. */
  thread: string;
  /** One list per interval between consecutive `BeginMainThreadFrame`s. */
  frames: TraceEvent[][];
}

/**
 * Top-level tasks (`RunTask`) of the main thread between one `BeginMainThreadFrame` and the next, a
 * task counted in the frame where it starts (nested tasks of a nested run loop are already inside
 * their parent's duration).
 */
export function frameTasks(events: readonly TraceEvent[]): FrameTasks {
  const framesByThread = new Map<string, number[]>();
  for (const event of events) {
    if (event.name !== 'BeginMainThreadFrame') continue;
    const key = `${event.pid}:${event.tid}`;
    const list = framesByThread.get(key) ?? [];
    list.push(event.ts);
    framesByThread.set(key, list);
  }
  let thread = '';
  let starts: number[] = [];
  for (const [key, list] of framesByThread) if (list.length > starts.length) [thread, starts] = [key, list];
  if (starts.length < 2) return { thread, frames: [] };
  starts.sort((a, b) => a - b);

  const tasks = events
    .filter((event) => event.name === 'RunTask' && event.ph === 'X' && `${event.pid}:${event.tid}` === thread)
    .sort((a, b) => a.ts - b.ts);
  const frames = Array.from({ length: starts.length - 1 }, (): TraceEvent[] => []);
  let frame = 0;
  let lastEnd = -Infinity;
  for (const task of tasks) {
    if (task.ts < lastEnd) continue;
    lastEnd = task.ts + (task.dur ?? 0);
    while (frame < starts.length - 1 && task.ts >= (starts[frame + 1] ?? Infinity)) frame += 1;
    if (task.ts < (starts[0] ?? 0) || frame >= frames.length) continue;
    frames[frame]?.push(task);
  }
  return { thread, frames };
}

/** Milliseconds of main-thread work in a frame's tasks. */
export const taskMs = (tasks: readonly TraceEvent[]): number => tasks.reduce((sum, task) => sum + (task.dur ?? 0) / 1000, 0);

/**
 * Main-thread work per frame, from a Chrome trace (see frameTasks). Below 16.7 ms the frame could be
 * produced in time at 60 Hz; a task of 80 ms is one frame of 80 ms (no frame can begin while it
 * runs). Idle intervals cost a fraction of a ms, so unlike rAF intervals (which sit at 16.7 ms on an
 * idle page) this tells a busy page from a quiet one.
 */
export function frameWorkMs(events: readonly TraceEvent[]): number[] {
  return frameTasks(events).frames.map(taskMs);
}

/**
 * Records a Chrome trace of `page` while `during` runs and returns the work of each frame in it.
 * `onEvents`, when given, also sees the parsed trace (e.g. to break the long frames down).
 */
export async function traceFrames(
  browser: Browser,
  page: Page,
  during: () => Promise<void>,
  onEvents?: (events: readonly TraceEvent[]) => void,
): Promise<number[]> {
  await browser.startTracing(page, { categories: CATEGORIES });
  let frames: number[] = [];
  try {
    await during();
  } finally {
    const buffer = await browser.stopTracing();
    // A long run's trace is tens of MB: parse once, keep only the frame figures.
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
    frames = frameWorkMs(parsed.traceEvents);
    onEvents?.(parsed.traceEvents);
  }
  return frames;
}

/**
 * In-page recorder of requestAnimationFrame intervals. A string, not a function: tsx adds helpers
 * to compiled functions that do not exist in the page. Keeps running requests for frames, so the
 * page produces one each vsync even when nothing changes, and the trace has frame boundaries.
 */
export const RAF_RECORDER = `(() => {
  if (window.__benchRaf) return;
  const state = { intervals: [], last: 0, recording: false };
  window.__benchRaf = state;
  const loop = (time) => {
    if (state.recording && state.last > 0) state.intervals.push(time - state.last);
    state.last = time;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
})()`;

export async function startRafRecording(page: Page): Promise<void> {
  await page.evaluate(RAF_RECORDER);
  await page.evaluate('window.__benchRaf.intervals = []; window.__benchRaf.last = 0; window.__benchRaf.recording = true;');
}

export async function stopRafRecording(page: Page): Promise<number[]> {
  return page.evaluate<number[]>('(() => { window.__benchRaf.recording = false; return window.__benchRaf.intervals; })()');
}
