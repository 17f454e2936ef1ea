import type { Csat, Percentiles } from '../../shared/metrics';

/** Nearest-rank percentiles: each is a value that was actually measured, never an interpolation. */
export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { count: 0, p50: null, p90: null, p99: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
  return { count: sorted.length, p50: rank(50), p90: rank(90), p99: rank(99) };
}

/** CSAT as the share of 4 and 5 ratings, with the mean beside it. */
export function csatOf(ratings: number[]): Csat {
  if (ratings.length === 0) return { ratings: 0, satisfied: 0, csat: null, mean: null };
  const satisfied = ratings.filter((rating) => rating >= 4).length;
  const mean = ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length;
  return { ratings: ratings.length, satisfied, csat: satisfied / ratings.length, mean };
}

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export const difference = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);
