import { describe, expect, it } from 'vitest';
import { rankByRisk, riskOf } from '../../../src/renderer/features/supervisor/risk';
import { keepOrder } from '../../../src/renderer/features/supervisor/stable-order';
import { sentimentLabelOf } from '../../../src/shared/sentiment-label';
import { listItem } from '../fake-api';

const now = Date.parse('2026-11-20T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

describe('escalation risk', () => {
  it('scores a calm, fresh, assigned chat at zero with no reasons', () => {
    const risk = riskOf(listItem({ id: 'a', state: 'assigned', priority: 3, createdAt: minutesAgo(0), sentimentScore: 0.4 }), now);
    expect(risk).toEqual({ score: 0, reasons: [], flags: 0, waitedMinutes: null });
  });

  it('names every reason that raised the score, largest first', () => {
    const risk = riskOf(
      listItem({ id: 'b', state: 'queued', priority: 5, createdAt: minutesAgo(6), sentimentScore: -0.5, sentimentTrend: 'worsening', repeatAsks: 2, reasonKind: 'bot_failure', openFlags: 1 }),
      now,
    );
    expect(risk.reasons.map((reason) => reason.key)).toEqual(['flag', 'sentiment', 'worsening', 'repeat-asks', 'priority', 'bot-failure']);
    expect(risk.reasons.find((reason) => reason.key === 'flag')?.label).toBe('1 flag');
    expect(risk.score).toBe(30 + 15 + 10 + 10 + 10 + 5);
    expect(risk.waitedMinutes).toBe(6);
  });

  it('calls sentiment negative exactly where the handoff card does', () => {
    const slightlyDown = riskOf(listItem({ id: 'n', state: 'assigned', priority: 3, createdAt: minutesAgo(0), sentimentScore: -0.1 }), now);
    const angry = riskOf(listItem({ id: 'm', state: 'assigned', priority: 3, createdAt: minutesAgo(0), sentimentScore: -0.3 }), now);
    expect(sentimentLabelOf(-0.1)).toBe('neutral');
    expect(slightlyDown.reasons.map((reason) => reason.key)).not.toContain('sentiment');
    expect(sentimentLabelOf(-0.3)).toBe('negative');
    expect(angry.reasons.find((reason) => reason.key === 'sentiment')?.label).toBe('Negative sentiment');
  });

  it('reports a plain wait apart from the risk, from when the chat last entered its queue', () => {
    const assigned = riskOf(listItem({ id: 'c', state: 'assigned', priority: 3, createdAt: minutesAgo(30) }), now);
    const queued = riskOf(listItem({ id: 'd', state: 'queued', priority: 3, createdAt: minutesAgo(30) }), now);
    const transferred = riskOf(listItem({ id: 't', state: 'queued', priority: 3, createdAt: minutesAgo(30), ownerSince: minutesAgo(4) }), now);
    expect([assigned.score, assigned.waitedMinutes]).toEqual([0, null]);
    expect([queued.score, queued.waitedMinutes]).toEqual([0, 30]);
    expect(transferred.waitedMinutes).toBe(4);
  });

  it('caps the score at 100', () => {
    const risk = riskOf(
      listItem({ id: 'e', state: 'queued', priority: 5, createdAt: minutesAgo(120), sentimentScore: -1, sentimentTrend: 'worsening', repeatAsks: 9, reasonKind: 'bot_failure', openFlags: 3 }),
      now,
    );
    expect(risk.score).toBe(100);
  });
});

describe('the escalation radar', () => {
  it('ranks active chats riskiest first, oldest first on a tie, and leaves resolved ones out', () => {
    const rows = rankByRisk(
      [
        listItem({ id: 'calm', state: 'assigned', priority: 3, createdAt: minutesAgo(2) }),
        listItem({ id: 'flagged', state: 'assigned', priority: 3, createdAt: minutesAgo(1), openFlags: 1 }),
        listItem({ id: 'older-calm', state: 'assigned', priority: 3, createdAt: minutesAgo(5) }),
        listItem({ id: 'done', state: 'resolved', priority: 5, createdAt: minutesAgo(50), openFlags: 2 }),
      ],
      now,
    );
    expect(rows.map((row) => row.item.id)).toEqual(['flagged', 'older-calm', 'calm']);
  });

  it('puts a flagged chat above any unflagged one, however angry, and a long wait above a short one on a tie', () => {
    const rows = rankByRisk(
      [
        listItem({ id: 'furious', state: 'assigned', priority: 5, createdAt: minutesAgo(2), sentimentScore: -1, sentimentTrend: 'worsening', repeatAsks: 3 }),
        listItem({ id: 'flagged', state: 'assigned', priority: 3, createdAt: minutesAgo(1), openFlags: 1 }),
        listItem({ id: 'short-wait', state: 'queued', priority: 3, createdAt: minutesAgo(9), ownerSince: minutesAgo(1) }),
        listItem({ id: 'long-wait', state: 'queued', priority: 3, createdAt: minutesAgo(8) }),
      ],
      now,
    );
    expect(rows.map((row) => row.item.id)).toEqual(['flagged', 'furious', 'long-wait', 'short-wait']);
  });
});

describe('the radar held still', () => {
  it('keeps the rows where they were shown, with their latest figures, new ones at the end, gone ones out', () => {
    const row = (id: string, score: number) => ({ item: listItem({ id }), risk: { score, reasons: [], flags: 0, waitedMinutes: null } });
    const latest = [row('c', 90), row('a', 50), row('d', 40)];
    expect(keepOrder(['a', 'b', 'c'], latest)).toEqual([row('a', 50), row('c', 90), row('d', 40)]);
  });
});
