import { describe, expect, it } from 'vitest';
import type { ConversationView } from '../../src/shared/conversation';
import type { HubEvent } from '../../src/shared/protocol';
import { emptyBoard } from '../../src/shared/wallboard';
import { applyEvents } from '../../src/shared/wallboard-fold';
import { queueServiceLevel, queueStats, startOfDay } from '../../src/renderer/features/supervisor/console-selectors';
import { handoffKpis, queueRows } from '../../src/renderer/wallboard/selectors';
import type { ServiceLevelTarget } from '../../src/shared/service-level';
import { listItem } from './fake-api';

/**
 * One floor, read by the supervisor console (from the conversation list) and by the wallboard
 * (from the event fold): both must give the same service level, by src/shared/service-level.ts.
 */
const now = Date.parse('2026-11-20T12:00:00');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

interface FloorChat {
  id: string;
  arrivedSecondsAgo: number;
  answeredAfterSeconds?: number;
  abandonedAfterSeconds?: number;
}

/** 19 customers waiting 8½ minutes, one answered in 20 s, one answered in 3 min, one gave up. */
const FLOOR: FloorChat[] = [
  ...Array.from({ length: 19 }, (_, index) => ({ id: `w${index}`, arrivedSecondsAgo: 510 })),
  { id: 'fast', arrivedSecondsAgo: 1800, answeredAfterSeconds: 20 },
  { id: 'slow', arrivedSecondsAgo: 1500, answeredAfterSeconds: 180 },
  { id: 'gone', arrivedSecondsAgo: 1200, abandonedAfterSeconds: 90 },
];

const stateOf = (chat: FloorChat) => (chat.answeredAfterSeconds !== undefined ? 'assigned' : chat.abandonedAfterSeconds !== undefined ? 'abandoned' : 'queued');

type Targets = Record<string, ServiceLevelTarget>;

function consoleLevel(targets: Targets = {}): number | null {
  const items = FLOOR.map((chat) =>
    listItem({
      id: chat.id,
      queue: 'support',
      state: stateOf(chat),
      createdAt: ago(chat.arrivedSecondsAgo),
      updatedAt: ago(chat.arrivedSecondsAgo - (chat.answeredAfterSeconds ?? chat.abandonedAfterSeconds ?? 0)),
    }),
  );
  const answeredAt = new Map(
    FLOOR.filter((chat) => chat.answeredAfterSeconds !== undefined).map((chat) => [chat.id, ago(chat.arrivedSecondsAgo - chat.answeredAfterSeconds!)]),
  );
  const [support] = queueStats(items, [], answeredAt, now, targets);
  return queueServiceLevel(support!, now);
}

function wallboardLevels(targets: Targets = {}): { kpi: number | null; queue: number | null } {
  const view = (chat: FloorChat, state: ConversationView['state']): ConversationView => ({
    id: chat.id,
    state,
    queue: 'support',
    owner: { kind: state === 'assigned' ? 'agent' : 'queue', id: state === 'assigned' ? 'u1' : 'support', name: '', since: ago(chat.arrivedSecondsAgo), why: '' },
    offer: null,
    createdAt: ago(chat.arrivedSecondsAgo),
    updatedAt: ago(chat.arrivedSecondsAgo),
    envelope: { v: 1, id: chat.id, customer: { name: '' }, transcript: [], reason: { kind: 'bot_failure' } },
    messages: [],
  });
  const events: HubEvent[] = [];
  for (const chat of FLOOR) {
    events.push({ type: 'conversation:queued', conversation: view(chat, 'queued'), seq: 0, at: ago(chat.arrivedSecondsAgo), conversationId: chat.id });
    if (chat.answeredAfterSeconds !== undefined) {
      const at = ago(chat.arrivedSecondsAgo - chat.answeredAfterSeconds);
      events.push({ type: 'conversation:assigned', conversation: view(chat, 'assigned'), seq: 0, at, conversationId: chat.id });
    }
    if (chat.abandonedAfterSeconds !== undefined) {
      const at = ago(chat.arrivedSecondsAgo - chat.abandonedAfterSeconds);
      events.push({
        type: 'conversation:abandoned',
        owner: { kind: 'queue', id: 'support', name: '', since: at, why: '' },
        waitedMs: chat.abandonedAfterSeconds * 1000,
        seq: 0,
        at,
        conversationId: chat.id,
      });
    }
  }
  // The hub numbers events in the order they happen; the board skips any it has already passed.
  events.sort((a, b) => a.at.localeCompare(b.at)).forEach((event, index) => (event.seq = index + 1));
  const board = emptyBoard(startOfDay(now));
  board.serviceLevels = targets;
  applyEvents(board, events, startOfDay);
  return { kpi: handoffKpis(board, now).serviceLevel, queue: queueRows(board, now).find((row) => row.id === 'support')?.serviceLevel ?? null };
}

describe('service level on the console and the wallboard', () => {
  it('counts the 19 customers waiting 8½ minutes as missed, so the floor reads 1 in 22, not 100 %', () => {
    expect(consoleLevel()).toBeCloseTo(1 / 22);
  });

  it('gives the same figure on the wallboard, on its queue page and its KPI page', () => {
    const wallboard = wallboardLevels();
    expect(wallboard.queue).toBeCloseTo(consoleLevel()!);
    expect(wallboard.kpi).toBeCloseTo(consoleLevel()!);
  });

  it('measures the queue by the target its admin set: with 5 minutes, the 3-minute answer is in time on both screens', () => {
    const targets = { support: { targetSeconds: 300, thresholdPercent: 80 } };
    expect(consoleLevel(targets)).toBeCloseTo(2 / 22);
    const wallboard = wallboardLevels(targets);
    expect(wallboard.queue).toBeCloseTo(2 / 22);
    expect(wallboard.kpi).toBeCloseTo(2 / 22);
  });

  it('with a 10-minute target nobody has missed it yet but the one who gave up', () => {
    const targets = { support: { targetSeconds: 600, thresholdPercent: 80 } };
    expect(consoleLevel(targets)).toBeCloseTo(2 / 3);
    expect(wallboardLevels(targets)).toEqual({ kpi: consoleLevel(targets), queue: consoleLevel(targets) });
  });
});
