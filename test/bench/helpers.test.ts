import { describe, expect, it } from 'vitest';
import { measured, notMeasured } from '../../bench/lib/figure';
import { Histogram, percentile, summarize } from '../../bench/lib/percentiles';
import { cells, markdownTable, textTable } from '../../bench/lib/table';
import type { Machine } from '../../bench/lib/machine';

const machine: Machine = { cpus: 2, model: 'Test CPU', memoryGiB: 8, node: '20.0.0', platform: 'linux', date: '2026-11-20T00:00:00.000Z' };

describe('bench percentiles', () => {
  it('takes the nearest rank, so p50 of 1..100 is 50 and p99 is 99', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(summarize(values)).toEqual({ count: 100, p50: 50, p99: 99, max: 100 });
  });

  it('answers NaN rather than a number when nothing was measured', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('merges histograms from several processes and errs by at most one bucket, never low', () => {
    const a = new Histogram(0.5, 100);
    const b = new Histogram(0.5, 100);
    for (let i = 1; i <= 50; i += 1) a.add(i);
    for (let i = 51; i <= 100; i += 1) b.add(i);
    b.add(250);
    a.merge(b.toJSON());
    expect(a.count).toBe(101);
    const p50 = a.percentile(50);
    expect(p50).toBeGreaterThanOrEqual(51);
    expect(p50).toBeLessThanOrEqual(51.5);
    expect(a.percentile(100)).toBe(250);
  });
});

describe('bench figures', () => {
  it('judges a throughput goal on value ÷ baseline', () => {
    const figure = measured('hub ingest', 'handoffs/s', 3000, 5000, { op: '>=', value: 0.5 });
    expect(figure).toEqual({ name: 'hub ingest', value: 3000, unit: 'handoffs/s', baseline: 5000, ratio: 0.6, goal: { op: '>=', value: 0.5 }, met: true });
    expect(measured('hub ingest', 'handoffs/s', 2000, 5000, { op: '>=', value: 0.5 }).met).toBe(false);
  });

  it('fails a latency figure over its ratio and one whose extra condition (no loss) fails', () => {
    expect(measured('fan-out', 'ms', 30, 10, { op: '<=', value: 2 }).met).toBe(false);
    expect(measured('fan-out', 'ms', 15, 10, { op: '<=', value: 2 }).met).toBe(true);
    expect(measured('fan-out', 'ms', 15, 10, { op: '<=', value: 2 }, false).met).toBe(false);
  });

  it('does not call a figure met when its measurement failed', () => {
    const figure = measured('search', 'ms', Number.NaN, 2, { op: '<=', value: 1.5 });
    expect(figure.value).toBeNull();
    expect(figure.ratio).toBeNull();
    expect(figure.met).toBe(false);
  });

  it('leaves value and met null for a figure not measured yet', () => {
    expect(notMeasured('memory', '%', null, { op: '<', value: 10 })).toEqual({
      name: 'memory', value: null, unit: '%', baseline: null, ratio: null, goal: { op: '<', value: 10 }, met: null,
    });
  });
});

describe('bench table', () => {
  const reports = [
    { figure: measured('hub ingest', 'handoffs/s', 3000, 5000, { op: '>=', value: 0.5 }), details: ['bare: 5000/s'] },
    { figure: notMeasured('memory', '%', null, { op: '<', value: 10 }), details: [] },
  ];

  it('prints the goal as it is judged and says plainly what is not measured', () => {
    expect(cells(reports[0]!.figure)).toEqual(['hub ingest', '3,000', 'handoffs/s', '5,000', '0.6×', 'ratio ≥ 0.5', 'yes']);
    expect(cells(reports[1]!.figure)).toEqual(['memory', '—', '%', '—', '—', 'value < 10', 'not measured yet']);
  });

  it('aligns the terminal table under its headers and lists details after it', () => {
    const lines = textTable(reports, machine).split('\n');
    expect(lines[0]).toContain('2 × Test CPU');
    const header = lines[2]!;
    const row = lines[4]!;
    expect(row.indexOf('handoffs/s')).toBe(header.indexOf('unit'));
    expect(lines).toContain('  bare: 5000/s');
  });

  it('writes a Markdown table with one row per figure and the machine line', () => {
    const markdown = markdownTable(reports, machine);
    expect(markdown).toContain('Measured on 2 × Test CPU');
    expect(markdown).toContain('| hub ingest | 3,000 | handoffs/s | 5,000 | 0.6× | ratio ≥ 0.5 | yes |');
    expect(markdown).toContain('| memory | — | % | — | — | value < 10 | not measured yet |');
  });
});
