import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Disposition } from '../../../shared/conversation';
import type { ReasonKind, SENTIMENT_LABELS } from '../../../shared/envelope';
import type { ConversationExport, ConversationListItem, SearchHit, WarmlineApi } from '../../../shared/ipc';

/** The filters as the form holds them: dates are the `<input type="date">` days (YYYY-MM-DD), '' for none. */
export interface HistoryFilters {
  from: string;
  to: string;
  queue: string;
  reason: ReasonKind | '';
  customer: string;
  sentiment: (typeof SENTIMENT_LABELS)[number] | '';
  disposition: Disposition | '';
}

/** A resync under way: the core is storing the hub's snapshot. `total` is null until it has arrived. */
export interface ResyncStep {
  applied: number;
  total: number | null;
}

/** The turn a search result points at: the conversation view scrolls to it and marks it. */
export interface RevealTarget {
  conversationId: string;
  turnId: string;
  /** Changes on every click, so clicking the same result again scrolls again. */
  nonce: number;
}

export interface HistoryStoreState {
  isOpen: boolean;
  query: string;
  isRanked: boolean;
  filters: HistoryFilters;
  hits: SearchHit[];
  /** Every cached conversation, newest first: what History shows before anything is typed. */
  recent: ConversationListItem[];
  isSearching: boolean;
  error: string | null;
  target: RevealTarget | null;
  isClearing: boolean;
  /** Why the last export failed, with the conversation it was for. */
  exportError: { conversationId: string; message: string } | null;
  /** Set while the core resyncs with the hub; the cache is being refilled, so history may be incomplete. */
  resync: ResyncStep | null;
  open(): void;
  close(): void;
  type(query: string): void;
  sortByRelevance(isRanked: boolean): void;
  filterBy(patch: Partial<HistoryFilters>): void;
  resetFilters(): void;
  /** Runs the search (or reloads the list) now; typing schedules it. */
  refresh(): Promise<void>;
  reveal(hit: Pick<SearchHit, 'conversationId' | 'turnId'>): void;
  /** The conversation as a standalone HTML file, or null (and `exportError`) when the core refused. */
  exportConversation(id: string, staffNotes?: StaffNotesChoice): Promise<ConversationExport | null>;
  /** Signs out and wipes this workstation's cache. */
  clearLocalData(): Promise<boolean>;
  reset(): void;
}

export type HistoryStore = StoreApi<HistoryStoreState>;

/** Whispers and flags in an export: marked as staff-only, or left out (a copy for the customer). */
export type StaffNotesChoice = 'mark' | 'omit';

export const NO_FILTERS: HistoryFilters = { from: '', to: '', queue: '', reason: '', customer: '', sentiment: '', disposition: '' };

/** A local day's first instant; `to` is inclusive, so it becomes the next day's first instant. */
const startOfDay = (day: string, addDays = 0): string | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** The filters as the core's search takes them: empty ones left out, days as instants. */
export function toSearchFilters(filters: HistoryFilters) {
  const from = startOfDay(filters.from);
  const to = startOfDay(filters.to, 1);
  const queue = filters.queue.trim();
  const customer = filters.customer.trim();
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(queue ? { queue } : {}),
    ...(filters.reason ? { reason: filters.reason } : {}),
    ...(customer ? { customer: customer.slice(0, 200) } : {}),
    ...(filters.sentiment ? { sentiment: filters.sentiment } : {}),
    ...(filters.disposition ? { disposition: filters.disposition } : {}),
  };
}

export const MAX_QUERY_LENGTH = 500;
const RECENT_LIMIT = 300;

export function createHistoryStore(api: WarmlineApi, options: { debounceMs?: number } = {}): HistoryStore {
  const debounceMs = options.debounceMs ?? 150;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Only the newest request may write results: an older, slower answer must not overwrite it.
  let latest = 0;
  let nonce = 0;

  const store = createStore<HistoryStoreState>()((set, get) => {
    const schedule = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void get().refresh();
      }, debounceMs);
    };

    return {
      isOpen: false,
      query: '',
      isRanked: false,
      filters: NO_FILTERS,
      hits: [],
      recent: [],
      isSearching: false,
      error: null,
      target: null,
      isClearing: false,
      exportError: null,
      resync: null,

      open() {
        set({ isOpen: true });
        void get().refresh();
      },
      close() {
        set({ isOpen: false });
      },
      type(query) {
        set({ query: query.slice(0, MAX_QUERY_LENGTH) });
        schedule();
      },
      sortByRelevance(isRanked) {
        set({ isRanked });
        void get().refresh();
      },
      filterBy(patch) {
        set((state) => ({ filters: { ...state.filters, ...patch } }));
        schedule();
      },
      resetFilters() {
        set({ filters: NO_FILTERS });
        void get().refresh();
      },

      async refresh() {
        const request = ++latest;
        const { query, isRanked, filters } = get();
        set({ isSearching: true });
        if (query.trim() === '') {
          const result = await api.invoke('history:list', { limit: RECENT_LIMIT, filters: toSearchFilters(filters) });
          if (request !== latest) return;
          set(result.ok ? { recent: result.value, hits: [], isSearching: false, error: null } : { isSearching: false, error: result.error.message });
          return;
        }
        const result = await api.invoke('history:search', { query, ranked: isRanked, filters: toSearchFilters(filters) });
        if (request !== latest) return;
        set(result.ok ? { hits: result.value, isSearching: false, error: null } : { isSearching: false, error: result.error.message });
      },

      reveal(hit) {
        nonce += 1;
        set({ target: { conversationId: hit.conversationId, turnId: hit.turnId, nonce } });
      },

      async exportConversation(id, staffNotes = 'mark') {
        set({ exportError: null });
        const result = await api.invoke('history:export', { id, staffNotes });
        if (result.ok) return result.value;
        set({ exportError: { conversationId: id, message: result.error.message } });
        return null;
      },

      async clearLocalData() {
        if (get().isClearing) return false;
        set({ isClearing: true, error: null });
        const result = await api.invoke('data:clear', undefined);
        set({ isClearing: false, ...(result.ok ? {} : { error: result.error.message }) });
        return result.ok;
      },

      reset() {
        if (timer) clearTimeout(timer);
        timer = null;
        latest += 1;
        set({ isOpen: false, query: '', isRanked: false, filters: NO_FILTERS, hits: [], recent: [], isSearching: false, error: null, target: null });
      },
    };
  });

  api.onEvent((event) => {
    if (event.type === 'history:purged' && store.getState().isOpen) void store.getState().refresh();
    if (event.type === 'sync:progress') {
      store.setState({ resync: event.done ? null : { applied: event.applied, total: event.total } });
      // The list read during the resync was of a half-filled cache.
      if (event.done && store.getState().isOpen) void store.getState().refresh();
    }
  });
  return store;
}
