import { describe, expect, it } from 'vitest';
import { runFuzz, type FuzzReport } from '../../scripts/fuzz/run';

/**
 * The quick fuzz run (fixed seed, like every property test in npm test): hub HTTP routes found in
 * the built app, both WebSocket endpoints, every IPC channel, and the bad-input lists when present.
 */
describe('Warmline under hostile input (quick fuzz)', () => {
  let report: FuzzReport;

  it(
    'answers every input with a success or a 4xx, never a 5xx, an internal error or a crash',
    async () => {
      report = await runFuzz({ quick: true, seed: 20_261_120 });
      const failures = report.targets.map((f) => ({ target: f.target, serverErrors: f.serverErrors, crashes: f.crashes, examples: f.examples }));
      expect(failures).toEqual(report.targets.map((f) => ({ target: f.target, serverErrors: 0, crashes: 0, examples: [] })));
      // The run did reach each edge, with accepted and refused input alike.
      for (const f of report.targets) expect(f.tried, f.target).toBeGreaterThan(30);
      expect(report.targets[0]!.ok).toBeGreaterThan(0);
      expect(report.targets[0]!.rejected).toBeGreaterThan(0);
      expect(report.routes).toBeGreaterThan(20);
    },
    180_000,
  );

  it("holds against every attack class of the hardening issue, each performed as an attacker would", () => {
    expect(report.attacks.broken).toEqual([]);
    expect(Object.keys(report.attacks.byClass).length).toBeGreaterThanOrEqual(9);
    for (const [kind, { tried, held }] of Object.entries(report.attacks.byClass)) expect(held, kind).toBe(tried);
  });

  it('leaves Object.prototype and the other built-in prototypes unchanged', () => {
    expect(report.prototypeChanged).toBe(false);
  });

  it('does not keep what it was sent: the heap settles within 64 MB of where it started', () => {
    expect(report.heapGrowthBytes).toBeLessThan(64 * 1024 * 1024);
  });
});
