import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConversationListItem, WarmlineApi } from '../../../shared/ipc';

export interface InboxStoreState {
  /**
   * Updated in place by `conversation:changed`, since a copy per event grows with the room
   * (docs/decisions/010-console-stores-update-in-place.md); `revision` says it changed. A load or clear
   * replaces it, so its identity still changes when the whole list does. Items themselves are
   * never mutated: a changed conversation is a new item object.
   */
  byId: Record<string, ConversationListItem>;
  /** Ids in arrival order; the display order is a selector's job. A new array only when one is added. */
  ids: string[];
  /** Bumped by every change to `byId`: what memos and subscribers compare, rather than byId's identity. */
  revision: number;
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
    store.setState((state) => {
      const isNew = !(item.id in state.byId);
      state.byId[item.id] = item;
      return { ids: isNew ? [...state.ids, item.id] : state.ids, revision: state.revision + 1 };
    });

  const store = createStore<InboxStoreState>()((set) => ({
    byId: {},
    ids: [],
    revision: 0,
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
      set((state) => ({ byId, ids: Object.keys(byId), revision: state.revision + 1, isLoading: false, loadError: null }));
    },

    open(id) {
      set({ selectedId: id });
    },

    close() {
      set({ selectedId: null });
    },

    clear() {
      set((state) => ({ byId: {}, ids: [], revision: state.revision + 1, selectedId: null, loadError: null }));
    },
  }));

  api.onEvent((event) => {
    if (event.type === 'conversation:changed') upsert(event.item);
    else if (event.type === 'conversation:focus-requested') store.getState().open(event.id);
  });
  return store;
}
