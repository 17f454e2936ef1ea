import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../../src/shared/conversation';
import { agentRows, agentState, awayReason, queueServiceLevel, queueStats } from '../../../src/renderer/features/supervisor/console-selectors';
import { listItem } from '../fake-api';

const now = Date.parse('2026-11-20T12:00:00');
const at = (minutesAgo: number, secondsExtra = 0) => new Date(now - minutesAgo * 60_000 - secondsExtra * 1000).toISOString();

const agent = (overrides: Partial<AgentStatus> & { id: string }): AgentStatus => ({
  name: overrides.id, presence: 'available', since: at(5), queues: ['support'], skills: [], languages: [], capacity: 2, load: 0, openFlags: 0, ...overrides,
});

describe('queue figures', () => {
  it('counts waiting chats and the oldest arrival per queue, and agents available, busy and away', () => {
    const stats = queueStats(
      [
        listItem({ id: 'q1', queue: 'support', state: 'queued', createdAt: at(3) }),
        listItem({ id: 'q2', queue: 'support', state: 'offered', createdAt: at(7) }),
        listItem({ id: 'a1', queue: 'support', state: 'assigned', createdAt: at(9) }),
        listItem({ id: 'b1', queue: 'billing', state: 'queued', createdAt: at(1) }),
      ],
      [agent({ id: 'free' }), agent({ id: 'full', load: 2 }), agent({ id: 'break', presence: 'away' }), agent({ id: 'gone', presence: 'offline' })],
      new Map(),
      now,
    );
    expect(stats.map((queue) => [queue.queue, queue.waiting, queue.longestWaitingSince])).toEqual([
      ['billing', 1, at(1)],
      ['support', 2, at(7)],
    ]);
    expect(stats[1]).toMatchObject({ available: 1, busy: 1, away: 1 });
  });

  it('gives the share of today\'s answered and abandoned chats answered within the target', () => {
    const items = [
      listItem({ id: 'fast', queue: 'support', state: 'assigned', createdAt: at(10) }),
      listItem({ id: 'slow', queue: 'support', state: 'resolved', createdAt: at(20) }),
      listItem({ id: 'left', queue: 'support', state: 'abandoned', createdAt: at(30), updatedAt: at(25) }),
      listItem({ id: 'yesterday', queue: 'support', state: 'abandoned', createdAt: at(60 * 30), updatedAt: at(60 * 30) }),
    ];
    const answeredAt = new Map([['fast', at(10, -30)], ['slow', at(18)]]);
    const [support] = queueStats(items, [], answeredAt, now, { support: { targetSeconds: 60, thresholdPercent: 80 } });
    expect(support).toMatchObject({ answeredToday: 2, answeredWithinTarget: 1, abandonedToday: 1, waiting: 0, longestWaitingSince: null });
    expect(queueServiceLevel(support!, now)).toBeCloseTo(1 / 3);
  });

  it('has no service level before anything was answered or waited past the target', () => {
    const [support] = queueStats([listItem({ id: 'q', queue: 'support', state: 'queued', createdAt: at(0, 30) })], [], new Map(), now);
    expect(queueServiceLevel(support!, now)).toBeNull();
    expect(queueServiceLevel(support!, now + 31_000)).toBe(0);
  });
});

describe('agents', () => {
  it('calls a full agent busy and lists flagged agents first, then busy, free, away, offline', () => {
    const rows = agentRows([
      agent({ id: 'off', presence: 'offline' }),
      agent({ id: 'free' }),
      agent({ id: 'away', presence: 'away' }),
      agent({ id: 'full', load: 2 }),
      agent({ id: 'flagged', openFlags: 1 }),
    ]);
    expect(rows.map((row) => row.id)).toEqual(['flagged', 'full', 'free', 'away', 'off']);
    expect(agentState(agent({ id: 'x', load: 2 }))).toBe('busy');
  });

  it('gives an away agent\'s reason for the row, and none to an agent who is back or gave none', () => {
    expect(awayReason(agent({ id: 'lunch', presence: 'away', presenceReason: 'Lunch' }))).toBe('Lunch');
    expect(awayReason(agent({ id: 'wrap', presence: 'away', presenceReason: 'Wrap-up', presenceUntil: at(-1) }))).toBe('Wrap-up');
    expect(awayReason(agent({ id: 'blank', presence: 'away', presenceReason: '  ' }))).toBeNull();
    expect(awayReason(agent({ id: 'plain', presence: 'away' }))).toBeNull();
    expect(awayReason(agent({ id: 'back', presence: 'available', presenceReason: 'Lunch' }))).toBeNull();
  });
});
