import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What a fuzz target reports: every input is counted once under exactly one outcome. */
export interface Figures {
  target: string;
  tried: number;
  ok: number;
  rejected: number;
  /** 5xx for HTTP, `internal` for IPC, an unexpected close code for WebSocket. */
  serverErrors: number;
  crashes: number;
  /** The first few failures, to reproduce them. */
  examples: string[];
}

export const emptyFigures = (target: string): Figures => ({ target, tried: 0, ok: 0, rejected: 0, serverErrors: 0, crashes: 0, examples: [] });

export function record(figures: Figures, outcome: 'ok' | 'rejected' | 'serverError' | 'crash', example?: () => string): void {
  figures.tried += 1;
  if (outcome === 'ok') figures.ok += 1;
  else if (outcome === 'rejected') figures.rejected += 1;
  else {
    if (outcome === 'serverError') figures.serverErrors += 1;
    else figures.crashes += 1;
    if (example && figures.examples.length < 5) figures.examples.push(example().slice(0, 400));
  }
}

/** Properties of the built-in prototypes a pollution would add to; compared before and after. */
export function prototypeSnapshot(): string {
  const names = (value: object) => Object.getOwnPropertyNames(value).sort().join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map(names).join('|');
}

export const isPrototypePolluted = (before: string): boolean =>
  prototypeSnapshot() !== before || ({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).isAdmin !== undefined;

let gc: (() => void) | null = null;
/** Heap after a full collection, in bytes (gc exposed at runtime, so no node flag is needed). */
export function settledHeap(): number {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Short, printable description of a value that may be huge or hostile. */
export function describeInput(value: unknown): string {
  try {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return (text ?? String(value)).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
