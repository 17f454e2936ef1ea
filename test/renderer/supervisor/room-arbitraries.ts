import fc from 'fast-check';
import { CONVERSATION_STATES, type AgentStatus } from '../../../src/shared/conversation';
import { REASON_KINDS } from '../../../src/shared/envelope';
import type { ConversationListItem } from '../../../src/shared/ipc';
import { listItem } from '../fake-api';

/** Noon local time: a few of the generated times fall yesterday, so the "today" counts are exercised. */
export const NOW = new Date(2026, 10, 20, 12, 0, 0).getTime();

/**
 * A few times, so equal arrival times (the ranking's tie-break) come up often: just now, minutes
 * ago (waiting points), just after and just before midnight, and a day-old one.
 */
const MINUTES_AGO = [0, 0.5, 1, 5, 12.25, 90, 11 * 60 + 59, 12 * 60 + 1, 26 * 60];
const time = fc.constantFrom(...MINUTES_AGO).map((minutes) => new Date(NOW - minutes * 60_000).toISOString());

export const ID_POOL = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];

export const itemFor = (id: string) =>
  fc
    .record({
      state: fc.constantFrom(...CONVERSATION_STATES),
      queue: fc.constantFrom('billing', 'returns', 'support'),
      reasonKind: fc.constantFrom(...REASON_KINDS),
      sentimentScore: fc.constantFrom(null, -1, -0.45, 0, 0.6),
      priority: fc.integer({ min: 1, max: 5 }),
      createdAt: time,
      updatedAt: time,
      openFlags: fc.integer({ min: 0, max: 2 }),
      repeatAsks: fc.integer({ min: 0, max: 4 }),
      sentimentTrend: fc.constantFrom('worsening' as const, 'steady' as const, 'improving' as const, null),
    })
    .map((fields): ConversationListItem => listItem({ id, ...fields }));

/** One change to the room: a conversation's new list item, or when it was first answered. */
export type RoomChange = { kind: 'item'; item: ConversationListItem } | { kind: 'answered'; id: string; at: string };

export const roomChange: fc.Arbitrary<RoomChange> = fc.constantFrom(...ID_POOL).chain((id) =>
  fc.oneof(
    { weight: 4, arbitrary: itemFor(id).map((item): RoomChange => ({ kind: 'item', item })) },
    { weight: 1, arbitrary: time.map((at): RoomChange => ({ kind: 'answered', id, at })) },
  ),
);

export const agentsArbitrary: fc.Arbitrary<AgentStatus[]> = fc.array(
  fc.record({
    id: fc.constantFrom('a1', 'a2', 'a3'),
    presence: fc.constantFrom('available' as const, 'away' as const, 'offline' as const),
    queues: fc.subarray(['billing', 'returns', 'support', 'vip']),
    capacity: fc.integer({ min: 1, max: 3 }),
    load: fc.integer({ min: 0, max: 3 }),
  }).map((agent) => ({ ...agent, name: agent.id, since: new Date(NOW).toISOString(), skills: [], languages: [], openFlags: 0 })),
  { maxLength: 3 },
);
