import type { ConversationListItem } from '../../../shared/ipc';
import { toSearchFilters, type HistoryStoreState, type RevealTarget } from './history-store';

export const selectIsSearchingText = (state: HistoryStoreState): boolean => state.query.trim() !== '';

export const selectHasFilters = (state: HistoryStoreState): boolean => Object.keys(toSearchFilters(state.filters)).length > 0;

/** The queues the user can filter by: those of the conversations in the cache. */
export function selectQueues(state: Pick<HistoryStoreState, 'recent'>): string[] {
  return [...new Set(state.recent.map((item) => item.queue).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}

const cacheKey = { recent: null as ConversationListItem[] | null, filters: null as HistoryStoreState['filters'] | null };
let cached: ConversationListItem[] = [];

/**
 * The recent list under the same filters the search uses, applied here because the list is
 * already in memory: a conversation is in range when its last activity is.
 */
export function selectFilteredRecent(state: Pick<HistoryStoreState, 'recent' | 'filters'>): ConversationListItem[] {
  if (state.recent === cacheKey.recent && state.filters === cacheKey.filters) return cached;
  // Sentiment is filtered by the core (its label is not in the list item); the rest here too, instantly.
  const { from, to, queue, reason, customer, disposition } = toSearchFilters(state.filters);
  const fromMs = from ? Date.parse(from) : -Infinity;
  const toMs = to ? Date.parse(to) : Infinity;
  const needle = customer?.toLocaleLowerCase();
  cached = state.recent.filter((item) => {
    const at = Date.parse(item.updatedAt);
    return (
      at >= fromMs &&
      at < toMs &&
      (!queue || item.queue === queue) &&
      (!reason || item.reasonKind === reason) &&
      (!disposition || item.disposition === disposition) &&
      (!needle || item.customerName.toLocaleLowerCase().includes(needle))
    );
  });
  cacheKey.recent = state.recent;
  cacheKey.filters = state.filters;
  return cached;
}

/** The search result being revealed in the open conversation, if it belongs to it. */
export const selectTargetIn =
  (conversationId: string) =>
  (state: HistoryStoreState): RevealTarget | null =>
    state.target?.conversationId === conversationId ? state.target : null;

const count = new Intl.NumberFormat('en-GB');

/** "Resyncing 1,200 of 5,000…" while the core refills the cache from the hub; null otherwise. */
export const selectResyncText = (state: Pick<HistoryStoreState, 'resync'>): string | null => {
  if (!state.resync) return null;
  const { applied, total } = state.resync;
  return total === null ? 'Resyncing with the hub…' : `Resyncing ${count.format(applied)} of ${count.format(total)}…`;
};
