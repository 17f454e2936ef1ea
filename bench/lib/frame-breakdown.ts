import { frameTasks, taskMs, type TraceEvent } from './frame-trace';

export interface FrameBreakdown {
  /** Frames whose main-thread work went over the budget. */
  longFrames: number;
  /** Self time (ms) by trace event name inside those frames' tasks, largest first. */
  selfMs: [string, number][];
}

/**
 * What the over-budget frames spent their time on: the self time of every timeline event (script,
 * style, layout, paint, GC…) inside the main-thread tasks of frames whose work exceeds `budgetMs`.
 * Frames and the main thread are found as frameWorkMs finds them, so the two agree on which frames
 * are long. Self time (an event's duration less its children's) keeps nested events from counting twice.
 */
export function longFrameBreakdown(events: readonly TraceEvent[], budgetMs: number): FrameBreakdown {
  const { thread, frames } = frameTasks(events);
  const onThread = events
    .filter((event) => event.ph === 'X' && `${event.pid}:${event.tid}` === thread)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const long = frames.filter((tasks) => taskMs(tasks) > budgetMs);
  const longFrames = long.length;
  const longTasks = long.flat().sort((a, b) => a.ts - b.ts);

  const self = new Map<string, number>();
  const add = (name: string, us: number) => self.set(name, (self.get(name) ?? 0) + us / 1000);
  let next = 0;
  for (const task of longTasks) {
    const end = task.ts + (task.dur ?? 0);
    while (next < onThread.length && (onThread[next]?.ts ?? 0) < task.ts) next += 1;
    // A stack of open events: each closes before the next one that starts after its end.
    const stack: { event: TraceEvent; childUs: number }[] = [];
    const close = (until: number) => {
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (!top || top.event.ts + (top.event.dur ?? 0) > until) break;
        stack.pop();
        add(top.event.name, (top.event.dur ?? 0) - top.childUs);
        const parent = stack[stack.length - 1];
        if (parent) parent.childUs += top.event.dur ?? 0;
      }
    };
    for (; next < onThread.length; next += 1) {
      const event = onThread[next];
      if (!event || event.ts >= end) break;
      close(event.ts);
      stack.push({ event, childUs: 0 });
    }
    close(Infinity);
  }
  const selfMs = [...self].sort((a, b) => b[1] - a[1]);
  return { longFrames, selfMs };
}

/** The breakdown as one line: the `top` largest names with their ms, per long frame. */
export function describeBreakdown(breakdown: FrameBreakdown, top = 6): string {
  if (breakdown.longFrames === 0) return 'no frame over budget';
  const per = (ms: number) => (ms / breakdown.longFrames).toFixed(1);
  return `${breakdown.longFrames} frames over budget, self ms per long frame: ${breakdown.selfMs
    .slice(0, top)
    .map(([name, ms]) => `${name} ${per(ms)}`)
    .join(', ')}`;
}
