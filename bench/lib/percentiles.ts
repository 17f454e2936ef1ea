/** Nearest-rank percentile (p in 0…100) of values; NaN for none. Sorts a copy. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)] ?? Number.NaN;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentileOfSorted(sorted, 50), p99: percentileOfSorted(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/**
 * Latencies from many processes, too many to ship one by one: fixed-width buckets up to a ceiling,
 * exact values past it. A percentile is the upper edge of its bucket, so it errs by at most one
 * bucket width and never low.
 */
export class Histogram {
  readonly counts: Uint32Array;
  readonly overflow: number[] = [];
  count = 0;

  constructor(
    readonly bucketMs = 0.05,
    readonly ceilingMs = 5000,
  ) {
    this.counts = new Uint32Array(Math.ceil(ceilingMs / bucketMs));
  }

  add(ms: number): void {
    this.count += 1;
    const bucket = Math.floor(Math.max(0, ms) / this.bucketMs);
    if (bucket < this.counts.length) this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    else this.overflow.push(ms);
  }

  merge(other: { counts: ArrayLike<number>; overflow: readonly number[]; count: number }): void {
    for (let i = 0; i < this.counts.length; i += 1) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    // One by one: a spread of a loaded run's overflow can exceed the call stack.
    for (const ms of other.overflow) this.overflow.push(ms);
    this.count += other.count;
  }

  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((Math.min(100, Math.max(0, p)) / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i += 1) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return (i + 1) * this.bucketMs;
    }
    const sorted = [...this.overflow].sort((a, b) => a - b);
    return sorted[rank - seen - 1] ?? sorted.at(-1) ?? Number.NaN;
  }

  toJSON(): { counts: number[]; overflow: number[]; count: number } {
    return { counts: Array.from(this.counts), overflow: this.overflow, count: this.count };
  }
}
