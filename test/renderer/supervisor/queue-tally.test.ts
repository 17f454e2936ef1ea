import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationListItem } from '../../../src/shared/ipc';
import { queueStats, startOfDay } from '../../../src/renderer/features/supervisor/console-selectors';
import { createQueueTally } from '../../../src/renderer/features/supervisor/queue-tally';
import { listItem } from '../fake-api';
import { agentsArbitrary, NOW, roomChange } from './room-arbitraries';

describe('the incremental queue tally', () => {
  it('gives the same figures as counting from scratch after every change of a random sequence', () => {
    fc.assert(
      fc.property(fc.array(roomChange, { maxLength: 40 }), agentsArbitrary, (changes, agents) => {
        const tally = createQueueTally(startOfDay(NOW));
        const items = new Map<string, ConversationListItem>();
        const answeredAt: Record<string, string> = {};
        for (const change of changes) {
          const id = change.kind === 'item' ? change.item.id : change.id;
          if (change.kind === 'item') items.set(id, change.item);
          else answeredAt[id] = change.at;
          tally.set(id, items.get(id), answeredAt[id]);
          expect(tally.figures(agents)).toEqual(queueStats([...items.values()], agents, new Map(Object.entries(answeredAt)), NOW));
        }
      }),
    );
  });

  it('takes a conversation that left the room out of its queue, and drops a queue left empty', () => {
    const tally = createQueueTally(startOfDay(NOW));
    const old = new Date(NOW - 5 * 60_000).toISOString();
    const young = new Date(NOW - 60_000).toISOString();
    tally.set('c1', listItem({ id: 'c1', queue: 'support', state: 'queued', createdAt: old }), undefined);
    tally.set('c2', listItem({ id: 'c2', queue: 'support', state: 'queued', createdAt: young }), undefined);
    tally.set('c3', listItem({ id: 'c3', queue: 'billing', state: 'queued', createdAt: young }), undefined);
    expect(tally.figures([]).map((queue) => [queue.queue, queue.waiting, queue.longestWaitingSince])).toEqual([
      ['billing', 1, young],
      ['support', 2, old],
    ]);

    tally.set('c1', listItem({ id: 'c1', queue: 'support', state: 'assigned', createdAt: old }), undefined);
    tally.set('c3', undefined, undefined);
    expect(tally.figures([]).map((queue) => [queue.queue, queue.waiting, queue.longestWaitingSince])).toEqual([['support', 1, young]]);
  });
});
