import type { HandoffEnvelope, Turn } from '../../../src/shared/envelope';

type Line = readonly ['customer' | 'bot' | 'agent' | 'system', string];

/** A transcript from lines, with ids t1, t2, … and one second between turns. */
export function transcriptOf(...lines: Line[]): Turn[] {
  return lines.map(([author, text], i) => ({
    id: `t${i + 1}`,
    at: new Date(Date.UTC(2026, 10, 20, 10, 0, i)).toISOString(),
    author,
    text,
  }));
}

/** A minimal envelope around a transcript: what a bot that says nothing else would send. */
export function envelopeOf(lines: Line[], extra: Partial<HandoffEnvelope> = {}): HandoffEnvelope {
  return { v: 1, id: 'test:1', customer: { name: 'Visitor' }, transcript: transcriptOf(...lines), ...extra };
}
