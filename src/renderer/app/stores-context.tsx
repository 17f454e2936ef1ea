import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ActionsStoreState } from '../features/conversation/actions-store';
import type { ConversationStoreState } from '../features/conversation/conversation-store';
import type { FilesStoreState } from '../features/conversation/files-store';
import type { HistoryStoreState } from '../features/history/history-store';
import type { InboxStoreState } from '../features/inbox/inbox-store';
import type { SessionStoreState } from '../features/session/session-store';
import type { Stores } from './wiring';

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores must be used inside <StoresContext.Provider>');
  return stores;
}

export const useSession = <T,>(selector: (state: SessionStoreState) => T): T => useStore(useStores().session, selector);
export const useInbox = <T,>(selector: (state: InboxStoreState) => T): T => useStore(useStores().inbox, selector);
export const useHistory = <T,>(selector: (state: HistoryStoreState) => T): T => useStore(useStores().history, selector);
export const useConversation = <T,>(selector: (state: ConversationStoreState) => T): T =>
  useStore(useStores().conversation, selector);
export const useActions = <T,>(selector: (state: ActionsStoreState) => T): T => useStore(useStores().actions, selector);
export const useFiles = <T,>(selector: (state: FilesStoreState) => T): T => useStore(useStores().files, selector);
