import { Map as PersistentMap } from 'immutable';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConversationListItem, WarmlineApi } from '../../../shared/ipc';
import { recordView } from './record-view';

export interface InboxStoreState {
  /**
   * A new read-only view per change over a persistent map, so an event costs the same in a room of
   * 50 or 5,000 conversations (docs/decisions/010-console-stores-update-in-place.md).
   */
  byId: Readonly<Record<string, ConversationListItem>>;
  /** Ids in arrival order; the display order is a selector's job. A new array only when one is added. */
  ids: string[];
  /** Bumped by every change to `byId`. */
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

const EMPTY = PersistentMap<string, ConversationListItem>();

export function createInboxStore(api: WarmlineApi): InboxStore {
  // The map behind the current `byId` view; replaced, never changed, with every update.
  let items = EMPTY;
  const replaceItems = (next: typeof items): Pick<InboxStoreState, 'byId'> => {
    items = next;
    return { byId: recordView(next) };
  };
  const upsert = (item: ConversationListItem): void =>
    store.setState((state) => {
      const isNew = !items.has(item.id);
      return { ...replaceItems(items.set(item.id, item)), ids: isNew ? [...state.ids, item.id] : state.ids, revision: state.revision + 1 };
    });

  const store = createStore<InboxStoreState>()((set) => ({
    byId: recordView(EMPTY),
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
      const loaded = PersistentMap(result.value.map((item): [string, ConversationListItem] => [item.id, item]));
      set((state) => ({ ...replaceItems(loaded), ids: [...new Set(result.value.map((item) => item.id))], revision: state.revision + 1, isLoading: false, loadError: null }));
    },

    open(id) {
      set({ selectedId: id });
    },

    close() {
      set({ selectedId: null });
    },

    clear() {
      set((state) => ({ ...replaceItems(EMPTY), ids: [], revision: state.revision + 1, selectedId: null, loadError: null }));
    },
  }));

  api.onEvent((event) => {
    if (event.type === 'conversation:changed') upsert(event.item);
    else if (event.type === 'conversation:focus-requested') store.getState().open(event.id);
  });
  return store;
}
