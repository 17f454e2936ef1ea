import { describe, expect, it } from 'vitest';
import { selectFilteredRecent, selectQueues, selectTargetIn } from '../../../../src/renderer/features/history/history-selectors';
import { NO_FILTERS } from '../../../../src/renderer/features/history/history-store';
import { listItem } from '../../fake-api';

const recent = [
  listItem({ id: 'a', queue: 'returns', reasonKind: 'bot_failure', customerName: 'Maria Okafor', updatedAt: '2026-11-20T12:00:00Z' }),
  listItem({ id: 'b', queue: 'billing', reasonKind: 'customer_requested', customerName: 'Kenji Watanabe', updatedAt: '2026-11-10T12:00:00Z' }),
];

describe('history selectors', () => {
  it('applies queue, reason, customer and date filters to the browsed list', () => {
    expect(selectFilteredRecent({ recent, filters: { ...NO_FILTERS, queue: 'billing' } }).map((i) => i.id)).toEqual(['b']);
    expect(selectFilteredRecent({ recent, filters: { ...NO_FILTERS, reason: 'bot_failure' } }).map((i) => i.id)).toEqual(['a']);
    expect(selectFilteredRecent({ recent, filters: { ...NO_FILTERS, customer: 'kenji' } }).map((i) => i.id)).toEqual(['b']);
    expect(selectFilteredRecent({ recent, filters: { ...NO_FILTERS, from: '2026-11-15' } }).map((i) => i.id)).toEqual(['a']);
    expect(selectFilteredRecent({ recent, filters: { ...NO_FILTERS, to: '2026-11-15' } }).map((i) => i.id)).toEqual(['b']);
  });

  it('offers each cached queue once, sorted', () => {
    expect(selectQueues({ recent: [...recent, listItem({ id: 'c', queue: 'billing' })] })).toEqual(['billing', 'returns']);
  });

  it('hands the reveal target only to the conversation it belongs to', () => {
    const target = { conversationId: 'a', turnId: 't1', nonce: 1 };
    const state = { target } as Parameters<ReturnType<typeof selectTargetIn>>[0];
    expect(selectTargetIn('a')(state)).toBe(target);
    expect(selectTargetIn('b')(state)).toBeNull();
  });
});
