import { describe, expect, it } from 'vitest';
import { createHistoryStore, toSearchFilters, NO_FILTERS } from '../../../../src/renderer/features/history/history-store';
import type { SearchHit, SessionState } from '../../../../src/shared/ipc';
import type { Result } from '../../../../src/shared/result';
import { createFakeApi, fail, flush, listItem, ok } from '../../fake-api';

const hit = (conversationId: string, text: string): SearchHit => ({
  conversationId,
  turnId: 't1',
  author: 'customer',
  at: '2026-11-20T10:00:00.000Z',
  snippet: [{ text, match: true }],
  customerName: 'Maria Okafor',
  issueTitle: 'Refund',
});

describe('history store', () => {
  it('searches once for what was typed after the pause, with the filters as the core takes them', async () => {
    const fake = createFakeApi();
    fake.answer('history:search', () => ok([hit('c1', 'boots')]));
    const store = createHistoryStore(fake.api, { debounceMs: 0 });
    store.getState().type('bo');
    store.getState().type('boots');
    store.getState().filterBy({ queue: 'returns', reason: 'bot_failure', customer: '  maria ' });
    await flush();
    await flush();
    expect(fake.callsTo('history:search')).toEqual([
      { query: 'boots', ranked: false, filters: { queue: 'returns', reason: 'bot_failure', customer: 'maria' } },
    ]);
    expect(store.getState().hits.map((h) => h.conversationId)).toEqual(['c1']);
  });

  it('lists every cached conversation when nothing is typed', async () => {
    const fake = createFakeApi();
    fake.answer('history:list', () => ok([listItem({ id: 'c1', state: 'resolved' })]));
    const store = createHistoryStore(fake.api, { debounceMs: 0 });
    store.getState().open();
    await flush();
    expect(store.getState().isOpen).toBe(true);
    expect(store.getState().recent.map((item) => item.id)).toEqual(['c1']);
    expect(fake.callsTo('history:search')).toEqual([]);
  });

  it('keeps the newest answer when an older, slower search finishes after it', async () => {
    const fake = createFakeApi();
    let releaseSlow: () => void = () => undefined;
    fake.answer('history:search', async ({ query }) => {
      if (query === 'slow') await new Promise<void>((resolve) => (releaseSlow = resolve));
      return ok([hit(query, query)]);
    });
    const store = createHistoryStore(fake.api, { debounceMs: 0 });
    store.setState({ query: 'slow' });
    const slow = store.getState().refresh();
    store.setState({ query: 'fast' });
    await store.getState().refresh();
    releaseSlow();
    await slow;
    expect(store.getState().hits.map((h) => h.conversationId)).toEqual(['fast']);
  });

  it('asks for relevance order when the user picks "Most relevant"', async () => {
    const fake = createFakeApi();
    fake.answer('history:search', () => ok([]));
    const store = createHistoryStore(fake.api, { debounceMs: 0 });
    store.setState({ query: 'refund' });
    store.getState().sortByRelevance(true);
    await flush();
    expect(fake.callsTo('history:search')).toEqual([{ query: 'refund', ranked: true, filters: {} }]);
  });

  it('says why a search failed instead of showing stale results', async () => {
    const fake = createFakeApi();
    fake.answer('history:search', () => fail('invalid_request', 'query: Too big'));
    const store = createHistoryStore(fake.api, { debounceMs: 0 });
    store.setState({ query: 'x' });
    await store.getState().refresh();
    expect(store.getState().error).toBe('query: Too big');
  });

  it('marks a clicked result as the turn to reveal, again on a second click', () => {
    const store = createHistoryStore(createFakeApi().api);
    store.getState().reveal({ conversationId: 'c1', turnId: 'm7' });
    const first = store.getState().target;
    store.getState().reveal({ conversationId: 'c1', turnId: 'm7' });
    expect(first).toMatchObject({ conversationId: 'c1', turnId: 'm7' });
    expect(store.getState().target?.nonce).not.toBe(first?.nonce);
  });

  it('exports through the core and keeps the reason when it refuses', async () => {
    const fake = createFakeApi();
    fake.answer('history:export', ({ id }) =>
      id === 'c1' ? ok({ fileName: 'warmline-c1.html', html: '<!doctype html>' }) : fail('not_found', 'This conversation is not in the local cache.'),
    );
    const store = createHistoryStore(fake.api);
    expect(await store.getState().exportConversation('c1')).toEqual({ fileName: 'warmline-c1.html', html: '<!doctype html>' });
    expect(await store.getState().exportConversation('c2')).toBeNull();
    expect(store.getState().exportError).toEqual({ conversationId: 'c2', message: 'This conversation is not in the local cache.' });
  });

  it('clears local data through the core and reports a failure', async () => {
    const fake = createFakeApi();
    let answer: Result<SessionState> = fail('internal', 'The cache is busy.');
    fake.answer('data:clear', () => answer);
    const store = createHistoryStore(fake.api);
    expect(await store.getState().clearLocalData()).toBe(false);
    expect(store.getState().error).toBe('The cache is busy.');
    answer = ok({ user: null, connection: { status: 'signed-out', since: '', hubUrl: null, lastSeq: 0, detail: null, retryInSeconds: null } });
    expect(await store.getState().clearLocalData()).toBe(true);
    expect(fake.callsTo('data:clear')).toHaveLength(2);
  });

  it('reloads what it shows when retention purged old conversations', async () => {
    const fake = createFakeApi();
    let items = [listItem({ id: 'old' }), listItem({ id: 'new' })];
    fake.answer('history:list', () => ok(items));
    const store = createHistoryStore(fake.api);
    store.getState().open();
    await flush();
    items = [listItem({ id: 'new' })];
    fake.emit({ type: 'history:purged', count: 1 });
    await flush();
    expect(store.getState().recent.map((item) => item.id)).toEqual(['new']);
  });
});

describe('search filters', () => {
  it('turns the picked days into local instants, the end day included, and drops empty ones', () => {
    const filters = toSearchFilters({ ...NO_FILTERS, from: '2026-11-01', to: '2026-11-20', customer: '   ' });
    expect(filters).toEqual({
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 21).toISOString(),
    });
    expect(toSearchFilters({ ...NO_FILTERS, from: 'not a day' })).toEqual({});
  });
});
