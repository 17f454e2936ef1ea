import { describe, expect, it } from 'vitest';
import type { ConversationView, Owner } from '../../src/shared/conversation';
import type { HubEvent } from '../../src/shared/protocol';
import { emptyBoard, type BoardState } from '../../src/shared/wallboard';
import { applyEvents } from '../../src/shared/wallboard-fold';

const DAY_MS = 86_400_000;
const DAY = Date.parse('2026-11-20T00:00:00Z');
const startOfDay = (ms: number) => DAY + Math.floor((ms - DAY) / DAY_MS) * DAY_MS;
const QUEUES = ['support', 'billing', 'returns'];

/** Ids and times as the hub makes them: every conversation new, the clock always moving on. */
function createStream(startMs: number) {
  let seq = 0;
  let ms = startMs;
  const owner = (kind: Owner['kind'], id: string): Owner => ({ kind, id, name: '', since: new Date(ms).toISOString(), why: '' });
  const view = (id: string, queue: string, state: ConversationView['state'], ownerOf: Owner): ConversationView => ({
    id,
    state,
    queue,
    owner: ownerOf,
    offer: null,
    createdAt: new Date(ms).toISOString(),
    updatedAt: new Date(ms).toISOString(),
    envelope: { v: 1, id, customer: { name: '' }, transcript: [], reason: { kind: 'bot_failure' } },
    messages: [],
  });
  const base = (id: string) => ({ seq: ++seq, at: new Date((ms += 250)).toISOString(), conversationId: id });
  return {
    queued: (id: string, queue: string): HubEvent => ({ type: 'conversation:queued', conversation: view(id, queue, 'queued', owner('queue', queue)), ...base(id) }),
    assigned: (id: string, queue: string): HubEvent => ({ type: 'conversation:assigned', conversation: view(id, queue, 'assigned', owner('agent', 'u1')), ...base(id) }),
    transferred: (id: string, queue: string): HubEvent => ({
      type: 'conversation:transferred',
      conversation: view(id, queue, 'transferred', owner('queue', queue)),
      transfer: { from: { id: 'u1', name: '' }, to: { kind: 'queue', id: queue, name: '' }, note: '', at: new Date(ms).toISOString() },
      ...base(id),
    }),
    resolved: (id: string): HubEvent => ({ type: 'conversation:resolved', owner: owner('agent', 'u1'), disposition: 'solved', by: { id: 'u1', name: '' }, ...base(id) }),
    abandoned: (id: string, queue: string): HubEvent => ({ type: 'conversation:abandoned', owner: owner('queue', queue), waitedMs: 1000, ...base(id) }),
    returnedToBot: (id: string): HubEvent => ({ type: 'conversation:state-changed', state: 'returned_to_bot', owner: owner('bot', 'bot'), offer: null, ...base(id) }),
    skip: (byMs: number) => void (ms += byMs),
  };
}

/** One conversation's life, ending in one of the ways a conversation ends. */
function lifecycle(stream: ReturnType<typeof createStream>, index: number): HubEvent[] {
  const id = `c_${index}`;
  const queue = QUEUES[index % QUEUES.length]!;
  switch (index % 4) {
    case 0:
      return [stream.queued(id, queue), stream.assigned(id, queue), stream.resolved(id)];
    case 1:
      return [stream.queued(id, queue), stream.abandoned(id, queue)];
    case 2:
      return [stream.queued(id, queue), stream.assigned(id, queue), stream.transferred(id, QUEUES[0]!), stream.assigned(id, QUEUES[0]!), stream.resolved(id)];
    default:
      return [stream.queued(id, queue), stream.returnedToBot(id)];
  }
}

/** What the board holds, without the counters' digits: keys of every map, and the active entries. */
const shape = (board: BoardState) => ({
  active: Object.keys(board.active).length,
  queues: Object.keys(board.todayByQueue).sort(),
  histogram: board.acceptHistogram.length,
  reasons: Object.keys(board.reasons).length,
});

describe('wallboard fold over a long stream', () => {
  it('holds only the conversations still open after 100,000 events of conversations opened and closed', () => {
    const board = emptyBoard(DAY);
    const stream = createStream(DAY + 8 * 3600_000);
    // A steady floor: 50 conversations stay open throughout, as a backed-up queue would.
    const standing = Array.from({ length: 50 }, (_, index) => stream.queued(`standing_${index}`, 'support'));
    applyEvents(board, standing, startOfDay);
    let folded = standing.length;
    let index = 0;
    let afterFirstThousand: ReturnType<typeof shape> | null = null;
    let bytesAfterFirstThousand = 0;
    while (folded < 100_000) {
      const events = lifecycle(stream, index++);
      applyEvents(board, events, startOfDay);
      folded += events.length;
      if (afterFirstThousand === null && folded >= 1000) {
        afterFirstThousand = shape(board);
        bytesAfterFirstThousand = JSON.stringify(board).length;
      }
    }
    expect(shape(board)).toEqual(afterFirstThousand);
    expect(shape(board).active).toBe(50);
    // Only counters' digits may lengthen: a handful of bytes, not a byte per event.
    expect(JSON.stringify(board).length - bytesAfterFirstThousand).toBeLessThan(200);
    expect(board.today.handoffs).toBe(50 + index);
  });

  it('keeps one set of counters per queue across days: yesterday is dropped, not kept beside today', () => {
    const board = emptyBoard(DAY);
    const stream = createStream(DAY + 8 * 3600_000);
    for (let day = 0; day < 30; day += 1) {
      for (let index = 0; index < 100; index += 1) applyEvents(board, lifecycle(stream, day * 100 + index), startOfDay);
      stream.skip(DAY_MS);
    }
    expect(Object.keys(board.todayByQueue).sort()).toEqual([...QUEUES].sort());
    expect(board.today.handoffs).toBe(100);
    expect(Object.keys(board.active)).toHaveLength(0);
  });
});
