import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/create-core';
import { createHandlers, dispatch } from '../../../src/main/core/handlers';
import { conversationView, message, warmlyTransferred } from '../cache/fixtures/conversations';
import { coreOn, seedCache } from './core-with-cache';

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function seeded() {
  const resolved = conversationView({ id: 'c-old', state: 'resolved', updatedAt: '2026-11-18T09:00:00Z' });
  const live = conversationView({
    id: 'c-new',
    state: 'assigned',
    queue: 'billing',
    updatedAt: '2026-11-20T11:00:00Z',
    messages: [message('c-new', 'm1', '2026-11-20T10:59:00Z', { text: 'The zebra print sofa arrived torn' })],
  });
  live.envelope = { ...live.envelope, customer: { id: 'cust-k', name: 'Kenji Watanabe' }, reason: { kind: 'customer_requested' } };
  return coreOn(seedCache([resolved, live]));
}

describe('history through the core', () => {
  it('finds a word in a cached conversation and marks the match in the snippet', async () => {
    core = seeded();
    const hits = await core.searchHistory({ query: 'zebra' });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ conversationId: 'c-new', turnId: 'm1', customerName: 'Kenji Watanabe' });
    expect(hits[0]!.snippet.filter((part) => part.match).map((part) => part.text)).toEqual(['zebra']);
  });

  it('treats a trailing word as a prefix and narrows by queue, reason and customer', async () => {
    core = seeded();
    const ids = async (request: Parameters<Core['searchHistory']>[0]) => (await core!.searchHistory(request)).map((hit) => hit.conversationId);
    expect(await ids({ query: 'zeb' })).toEqual(['c-new']);
    expect(await ids({ query: 'boots' })).toEqual(['c-new', 'c-old']);
    expect(await ids({ query: 'boots', filters: { queue: 'billing' } })).toEqual(['c-new']);
    expect(await ids({ query: 'boots', filters: { reason: 'bot_failure' } })).toEqual(['c-old']);
    expect(await ids({ query: 'boots', filters: { customer: 'kenji' } })).toEqual(['c-new']);
    expect(await ids({ query: 'boots', ranked: true })).toHaveLength(2);
  });

  it('answers a query with unbalanced quotes and operators with results, not an error', async () => {
    core = seeded();
    const handlers = createHandlers(core);
    const answer = await dispatch(handlers, 'history:search', { query: '"unbalanced (quote*' });
    expect(answer).toEqual({ ok: true, value: [] });
    const near = await dispatch(handlers, 'history:search', { query: 'sofa AND NOT "zebra' });
    expect(near.ok).toBe(true);
  });

  it('refuses a filter that is not a date and a query over 500 characters, naming the problem', async () => {
    core = seeded();
    const handlers = createHandlers(core);
    const badDate = await dispatch(handlers, 'history:search', { query: 'boots', filters: { from: 'yesterday' } });
    expect(badDate).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('filters.from') } });
    const long = await dispatch(handlers, 'history:search', { query: 'x'.repeat(501) });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('lists every cached conversation, resolved ones too, newest first, and pages with `before`', () => {
    core = seeded();
    expect(core.listHistory({}).map((item) => [item.id, item.state])).toEqual([
      ['c-new', 'assigned'],
      ['c-old', 'resolved'],
    ]);
    expect(core.listHistory({ limit: 1 }).map((item) => item.id)).toEqual(['c-new']);
    expect(core.listHistory({ before: '2026-11-20T11:00:00Z' }).map((item) => item.id)).toEqual(['c-old']);
    expect(core.listHistory({ before: '2026-11-18T09:00:00Z' })).toEqual([]);
  });

  it('shows who owns a conversation and the note it was transferred with on the history page', () => {
    const { owner, transfer } = warmlyTransferred('Refund approved, needs the courier label');
    core = coreOn(seedCache([conversationView({ id: 'moved', state: 'assigned', owner, transfer })]));
    expect(core.listHistory({})[0]).toMatchObject({ id: 'moved', ownerName: 'Priya Shah', transferNote: 'Refund approved, needs the courier label' });
  });
});
