import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConversationListItem, WarmlineApi } from '../../../shared/ipc';

export interface InboxStoreState {
  byId: Record<string, ConversationListItem>;
  /** Ids in arrival order; the display order is a selector's job. */
  ids: string[];
  selectedId: string | null;
  isLoading: boolean;
  loadError: string | null;
  load(): Promise<void>;
  /** The user opens a row (click, Enter, or a notification click relayed by the core). */
  open(id: string): void;
  close(): void;
  clear(): void;
}

export type InboxStore = StoreApi<InboxStoreState>;

export function createInboxStore(api: WarmlineApi): InboxStore {
  const upsert = (item: ConversationListItem): void =>
    store.setState((state) => ({
      byId: { ...state.byId, [item.id]: item },
      ids: item.id in state.byId ? state.ids : [...state.ids, item.id],
    }));

  const store = createStore<InboxStoreState>()((set) => ({
    byId: {},
    ids: [],
    selectedId: null,
    isLoading: false,
    loadError: null,

    async load() {
      set({ isLoading: true });
      const result = await api.invoke('conversations:list', undefined);
      if (!result.ok) {
        set({ isLoading: false, loadError: result.error.message });
        return;
      }
      const byId: Record<string, ConversationListItem> = {};
      for (const item of result.value) byId[item.id] = item;
      set({ byId, ids: Object.keys(byId), isLoading: false, loadError: null });
    },

    open(id) {
      set({ selectedId: id });
    },

    close() {
      set({ selectedId: null });
    },

    clear() {
      set({ byId: {}, ids: [], selectedId: null, loadError: null });
    },
  }));

  api.onEvent((event) => {
    if (event.type === 'conversation:changed') upsert(event.item);
    else if (event.type === 'conversation:focus-requested') store.getState().open(event.id);
  });
  return store;
}
