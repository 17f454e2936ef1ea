import { loadavg } from 'node:os';
import { measured, type FigureReport } from '../lib/figure';
import { percentile } from '../lib/percentiles';
import { benchTranscript, type TranscriptFigureOptions } from './transcript';

/**
 * The transcript figure with and without its catch-up render (docs/decisions/005), run with,
 * without, with, without… in one bench run; each run notes the machine's load average.
 */
export async function benchTranscriptCatchUp(options: Omit<TranscriptFigureOptions, 'catchUpRender'>, pairs: number): Promise<FigureReport> {
  const runs: { isOn: boolean; p50: number; p95: number; dropped: number; intervals: number; load: number }[] = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    for (const isOn of [true, false]) {
      const load = loadavg()[0] ?? 0;
      const { frames } = await benchTranscript({ ...options, catchUpRender: isOn });
      runs.push({ isOn, ...frames, load });
    }
  }
  const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
  const line = (isOn: boolean) => {
    const mine = runs.filter((run) => run.isOn === isOn);
    const each = mine.map((run) => `p50 ${fixed(run.p50)} / p95 ${fixed(run.p95)} ms, ${run.dropped} of ${run.intervals} rAF intervals over 1.5 frames (load ${fixed(run.load)})`).join('; ');
    return `${isOn ? 'with   ' : 'without'}: frame p95 median ${fixed(percentile(mine.map((run) => run.p95), 50))} ms [${each}]`;
  };
  const p95 = (isOn: boolean) => percentile(runs.filter((run) => run.isOn === isOn).map((run) => run.p95), 50);
  return {
    figure: measured('machinery: transcript catch-up render', 'ms (frame p95)', p95(true), p95(false), { op: '<=', value: 1 }),
    details: [`${options.turns} turns, ${pairs} pairs run with, without…; value with the catch-up render, baseline without`, line(true), line(false)],
  };
}
