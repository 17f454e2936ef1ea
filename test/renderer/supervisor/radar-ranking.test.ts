import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationListItem } from '../../../src/shared/ipc';
import { createRadarRanking } from '../../../src/renderer/features/supervisor/radar-ranking';
import { rankByRisk } from '../../../src/renderer/features/supervisor/risk';
import { listItem } from '../fake-api';
import { itemFor, ID_POOL, NOW } from './room-arbitraries';

/** A list as the inbox keeps it: ids in arrival order, the latest item per id. */
function createList() {
  const ids: string[] = [];
  const byId = new Map<string, ConversationListItem>();
  return {
    put(item: ConversationListItem): number {
      if (!byId.has(item.id)) ids.push(item.id);
      byId.set(item.id, item);
      return ids.indexOf(item.id);
    },
    items: () => ids.map((id) => byId.get(id) as ConversationListItem),
  };
}

const updates = fc.array(fc.constantFrom(...ID_POOL).chain(itemFor), { maxLength: 40 });

describe('the maintained radar ranking', () => {
  it('ranks like sorting from scratch after every change of a random sequence, ties included', () => {
    fc.assert(
      fc.property(updates, (items) => {
        const ranking = createRadarRanking();
        const list = createList();
        for (const item of items) {
          ranking.set(item.id, item, list.put(item), NOW);
          expect(ranking.rows()).toEqual(rankByRisk(list.items(), NOW));
        }
      }),
    );
  });

  it('ranks like sorting from scratch at the new time once rescored, whenever each row was scored', () => {
    fc.assert(
      fc.property(updates, fc.integer({ min: 0, max: 30 * 60_000 }), (items, later) => {
        const ranking = createRadarRanking();
        const list = createList();
        items.forEach((item, k) => ranking.set(item.id, item, list.put(item), NOW + k * 15_000));
        ranking.rescore(NOW + later + items.length * 15_000);
        expect(ranking.rows()).toEqual(rankByRisk(list.items(), NOW + later + items.length * 15_000));
      }),
    );
  });

  it('keeps the row object of a conversation that did not change, so its view is not drawn again', () => {
    const ranking = createRadarRanking();
    ranking.set('calm', listItem({ id: 'calm', state: 'assigned' }), 0, NOW);
    const [calmRow] = ranking.rows();
    ranking.set('angry', listItem({ id: 'angry', state: 'assigned', sentimentScore: -0.9 }), 1, NOW);
    ranking.rescore(NOW);
    expect(ranking.rows().map((row) => row.item.id)).toEqual(['angry', 'calm']);
    expect(ranking.rows()[1]).toBe(calmRow);
  });

  it('takes a conversation off the radar once it is resolved', () => {
    const ranking = createRadarRanking();
    ranking.set('c1', listItem({ id: 'c1', state: 'queued' }), 0, NOW);
    ranking.set('c1', listItem({ id: 'c1', state: 'resolved' }), 0, NOW);
    expect(ranking.rows()).toEqual([]);
  });
});
