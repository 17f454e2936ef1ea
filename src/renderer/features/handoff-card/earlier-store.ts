import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EarlierConversation } from '../../../shared/earlier-conversations';
import type { WarmlineApi } from '../../../shared/ipc';

/** One conversation's lookup of its customer's earlier conversations. */
export interface EarlierLookup {
  status: 'loading' | 'ready' | 'failed';
  source: 'hub' | 'cache';
  conversations: EarlierConversation[];
  error: string | null;
}

export interface EarlierStoreState {
  byConversation: Record<string, EarlierLookup>;
  /** Why opening an earlier transcript failed, shown beside the list. */
  openError: string | null;
  /** Looks the customer up again (each time the card or conversation opens: a chat may have ended since). */
  load(conversationId: string): Promise<void>;
  /** Fetches an earlier conversation into the cache; true when it can be opened. */
  openEarlier(conversationId: string, earlierId: string): Promise<boolean>;
}

export type EarlierStore = StoreApi<EarlierStoreState>;

export function createEarlierStore(api: WarmlineApi): EarlierStore {
  return createStore<EarlierStoreState>()((set, get) => ({
    byConversation: {},
    openError: null,

    async load(conversationId) {
      const known = get().byConversation[conversationId];
      set((state) => ({
        openError: null,
        byConversation: { ...state.byConversation, [conversationId]: { source: 'hub', conversations: [], error: null, ...known, status: known?.status === 'ready' ? 'ready' : 'loading' } },
      }));
      const result = await api.invoke('customers:earlier', { id: conversationId });
      const lookup: EarlierLookup = result.ok
        ? { status: 'ready', source: result.value.source, conversations: result.value.conversations, error: null }
        : { status: 'failed', source: 'hub', conversations: [], error: result.error.message };
      set((state) => ({ byConversation: { ...state.byConversation, [conversationId]: lookup } }));
    },

    async openEarlier(conversationId, earlierId) {
      set({ openError: null });
      const result = await api.invoke('customers:open-earlier', { id: conversationId, earlierId });
      if (!result.ok) set({ openError: result.error.message });
      return result.ok;
    },
  }));
}
