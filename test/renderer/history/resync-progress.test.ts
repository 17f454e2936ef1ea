import { describe, expect, it } from 'vitest';
import { selectResyncText } from '../../../src/renderer/features/history/history-selectors';
import { createHistoryStore } from '../../../src/renderer/features/history/history-store';
import { createFakeApi, flush, listItem, ok } from '../fake-api';

describe('resync progress in the renderer', () => {
  it('says how far a resync has got, in grouped numbers, and nothing once it is done', () => {
    const fake = createFakeApi();
    const store = createHistoryStore(fake.api, { debounceMs: 0 });
    expect(selectResyncText(store.getState())).toBeNull();

    fake.emit({ type: 'sync:progress', applied: 0, total: null, done: false });
    expect(selectResyncText(store.getState())).toBe('Resyncing with the hub…');
    fake.emit({ type: 'sync:progress', applied: 1200, total: 5000, done: false });
    expect(selectResyncText(store.getState())).toBe('Resyncing 1,200 of 5,000…');
    fake.emit({ type: 'sync:progress', applied: 5000, total: 5000, done: true });
    expect(selectResyncText(store.getState())).toBeNull();
  });

  it('reloads an open history once the resync is done, since it was read from a half-filled cache', async () => {
    const fake = createFakeApi();
    let listed = 0;
    fake.answer('history:list', () => ok([listItem({ id: `c${++listed}` })]));
    const store = createHistoryStore(fake.api, { debounceMs: 0 });
    store.getState().open();
    await flush();
    fake.emit({ type: 'sync:progress', applied: 100, total: 300, done: false });
    await flush();
    expect(listed).toBe(1);
    fake.emit({ type: 'sync:progress', applied: 300, total: 300, done: true });
    await flush();
    expect(listed).toBe(2);
    expect(store.getState().recent.map((item) => item.id)).toEqual(['c2']);
  });
});

describe('sentiment and disposition filters', () => {
  it('sends them with the search and with the list, and leaves them out when cleared', async () => {
    const fake = createFakeApi();
    fake.answer('history:search', () => ok([]));
    fake.answer('history:list', () => ok([]));
    const store = createHistoryStore(fake.api, { debounceMs: 0 });
    store.getState().filterBy({ sentiment: 'negative', disposition: 'not_solved' });
    await flush();
    store.getState().type('refund');
    await flush();
    store.getState().resetFilters();
    await flush();
    expect(fake.callsTo('history:list')).toEqual([{ limit: 300, filters: { sentiment: 'negative', disposition: 'not_solved' } }]);
    expect(fake.callsTo('history:search')).toEqual([
      { query: 'refund', ranked: false, filters: { sentiment: 'negative', disposition: 'not_solved' } },
      { query: 'refund', ranked: false, filters: {} },
    ]);
  });
});
