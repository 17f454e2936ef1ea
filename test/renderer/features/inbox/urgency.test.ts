import { describe, expect, it } from 'vitest';
import { byUrgency, urgencyScore } from '../../../../src/renderer/features/inbox/urgency';
import { listItem } from '../../fake-api';

const now = Date.parse('2026-11-20T10:30:00Z');
const order = (items: ReturnType<typeof listItem>[]) => [...items].sort(byUrgency(now)).map((item) => item.id);

describe('inbox urgency', () => {
  it('ranks the customer who has waited longer first when nothing else differs', () => {
    expect(
      order([
        listItem({ id: 'recent', createdAt: '2026-11-20T10:25:00Z', priority: 3 }),
        listItem({ id: 'long', createdAt: '2026-11-20T10:05:00Z', priority: 3 }),
      ]),
    ).toEqual(['long', 'recent']);
  });

  it('lets an angry, worsening customer overtake a calm one who has waited a few minutes longer', () => {
    expect(
      order([
        listItem({ id: 'calm', createdAt: '2026-11-20T10:20:00Z', sentimentScore: 0.4, priority: 3 }),
        listItem({ id: 'angry', createdAt: '2026-11-20T10:25:00Z', sentimentScore: -0.9, sentimentTrend: 'worsening', priority: 3 }),
      ]),
    ).toEqual(['angry', 'calm']);
  });

  it('does not let sentiment bury a customer who has waited half an hour', () => {
    expect(
      order([
        listItem({ id: 'angry-new', createdAt: '2026-11-20T10:29:00Z', sentimentScore: -1, priority: 3 }),
        listItem({ id: 'waiting', createdAt: '2026-11-20T10:00:00Z', sentimentScore: 0, priority: 3 }),
      ]),
    ).toEqual(['waiting', 'angry-new']);
  });

  it('weighs an urgent priority above a low one and treats a missing sentiment as neutral', () => {
    const low = listItem({ id: 'low', createdAt: '2026-11-20T10:20:00Z', priority: 1 });
    const urgent = listItem({ id: 'urgent', createdAt: '2026-11-20T10:20:00Z', priority: 5 });
    expect(urgencyScore(urgent, now) - urgencyScore(low, now)).toBe(12);
    expect(urgencyScore(listItem({ id: 'x', sentimentScore: null, createdAt: '2026-11-20T10:30:00Z', priority: 1 }), now)).toBe(0);
  });

  it('keeps a stable order for rows that score the same', () => {
    const same = [listItem({ id: 'b' }), listItem({ id: 'a' })];
    expect(order(same)).toEqual(['a', 'b']);
  });
});
