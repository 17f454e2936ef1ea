import type { AgentStatus } from '../../shared/conversation';
import { REASON_KINDS, type ReasonKind } from '../../shared/envelope';
import { countWaitingPastTarget, isWithinTarget, serviceLevel, targetOf, type ServiceLevelTarget } from '../../shared/service-level';
import { emptyCounters, isWaiting, medianAcceptMs, type BoardState } from '../../shared/wallboard';

export interface QueueRow {
  id: string;
  name: string;
  waiting: number;
  /** Longest current wait in ms, or null when nobody waits. */
  longestWaitMs: number | null;
  /** Share answered within target today (0–1), as src/shared/service-level.ts defines it. */
  serviceLevel: number | null;
  /** The queue's own target and goal, as its admin set them. */
  target: ServiceLevelTarget;
  abandonedToday: number;
  agents: AgentCounts;
}

export interface AgentCounts {
  available: number;
  busy: number;
  away: number;
}

export interface HandoffKpis {
  handoffsToday: number;
  reasonMix: { kind: ReasonKind; count: number; share: number }[];
  medianAcceptMs: number | null;
  abandonedToday: number;
  serviceLevel: number | null;
}

/**
 * An online agent is "available" with a free slot, "busy" when every slot is taken; "away" is
 * their own choice. Offline agents are not on the board at all.
 */
export function countAgents(agents: readonly AgentStatus[], queue: string | null): AgentCounts {
  const counts: AgentCounts = { available: 0, busy: 0, away: 0 };
  for (const agent of agents) {
    if (queue !== null && !agent.queues.includes(queue)) continue;
    if (agent.presence === 'away') counts.away += 1;
    else if (agent.presence === 'available') counts[agent.load >= agent.capacity ? 'busy' : 'available'] += 1;
  }
  return counts;
}

/** One row per queue the board knows: named queues first (in name order), then any seen only in events. */
export function queueRows(board: BoardState, now: number): QueueRow[] {
  const oldestWaiting = new Map<string, number>();
  const waiting = new Map<string, number>();
  const waitingSince = new Map<string, number[]>();
  for (const entry of Object.values(board.active)) {
    if (!isWaiting(entry)) continue;
    waiting.set(entry.queue, (waiting.get(entry.queue) ?? 0) + 1);
    waitingSince.set(entry.queue, [...(waitingSince.get(entry.queue) ?? []), entry.waitingSince]);
    const oldest = oldestWaiting.get(entry.queue);
    if (oldest === undefined || entry.waitingSince < oldest) oldestWaiting.set(entry.queue, entry.waitingSince);
  }
  const ids = new Set([...Object.keys(board.queueNames), ...Object.keys(board.todayByQueue), ...waiting.keys()]);
  return [...ids]
    .map((id) => {
      const today = board.todayByQueue[id];
      const oldest = oldestWaiting.get(id);
      const target = targetOf(board.serviceLevels, id);
      return {
        id,
        name: board.queueNames[id] ?? id,
        waiting: waiting.get(id) ?? 0,
        longestWaitMs: oldest === undefined ? null : Math.max(0, now - oldest),
        serviceLevel: serviceLevel(today ?? emptyCounters(), countWaitingPastTarget(waitingSince.get(id) ?? [], now, target)),
        target,
        abandonedToday: today?.abandoned ?? 0,
        agents: countAgents(board.agents, id),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function handoffKpis(board: BoardState, now: number): HandoffKpis {
  // Each customer is measured against their own queue's target.
  const waitingPastTarget = Object.values(board.active).filter(
    (entry) => isWaiting(entry) && !isWithinTarget(now - entry.waitingSince, targetOf(board.serviceLevels, entry.queue)),
  ).length;
  const total = REASON_KINDS.reduce((sum, kind) => sum + board.reasons[kind], 0);
  return {
    handoffsToday: board.today.handoffs,
    reasonMix: REASON_KINDS.map((kind) => ({ kind, count: board.reasons[kind], share: total === 0 ? 0 : board.reasons[kind] / total })),
    medianAcceptMs: medianAcceptMs(board.acceptHistogram),
    abandonedToday: board.today.abandoned,
    serviceLevel: serviceLevel(board.today, waitingPastTarget),
  };
}

/** A CSAT difference in percentage points, signed: "−12 pts" is the handoff tax, "—" until both sides are rated. */
export const pointsGap = (gap: number | null): string => {
  if (gap === null) return '—';
  const points = Math.round(gap * 100);
  return points === 0 ? '0 pts' : `${points > 0 ? '+' : '−'}${Math.abs(points)} pts`;
};
