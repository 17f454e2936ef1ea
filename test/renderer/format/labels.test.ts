import { describe, expect, it } from 'vitest';
import { formatScore, reasonLabel } from '../../../src/renderer/format/labels';
import { formatDuration } from '../../../src/renderer/format/time';

describe('reason chip text', () => {
  it.each([
    ['customer_requested', 'Customer asked for a human'],
    ['bot_failure', "Bot couldn't help"],
    ['planned_escalation', 'Planned escalation'],
    ['unknown', 'Reason unknown'],
  ] as const)('reads %s as "%s"', (kind, text) => {
    expect(reasonLabel(kind)).toBe(text);
  });

  it('says the reason is unknown when the handoff gives none', () => {
    expect(reasonLabel(undefined)).toBe('Reason unknown');
  });
});

describe('numbers an agent reads', () => {
  it('signs sentiment scores so a negative one is not read as a dash', () => {
    expect(formatScore(-0.6)).toBe('−0.60');
    expect(formatScore(0.25)).toBe('+0.25');
  });

  it('shows short waits in seconds and long ones in minutes or hours', () => {
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(3 * 60_000 + 5_000)).toBe('3 min 05 s');
    expect(formatDuration(2 * 3_600_000 + 7 * 60_000)).toBe('2 h 07 min');
    expect(formatDuration(-5_000)).toBe('0 s');
  });
});
