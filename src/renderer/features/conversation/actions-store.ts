import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Disposition, TransferTarget } from '../../../shared/conversation';
import type { Directory, WarmlineApi } from '../../../shared/ipc';

export type ActionPanel = 'transfer' | 'flag' | 'resolve';

/** "Conversation resolved." belongs to that conversation: it is never shown beside another one. */
export interface ActionNotice {
  conversationId: string;
  text: string;
}

export interface ActionsStoreState {
  /** Which action form is open under the transcript; one at a time. */
  panel: ActionPanel | null;
  directory: Directory | null;
  isBusy: boolean;
  /** The last failure, in the core's words. */
  error: string | null;
  /** What the last action did, for a polite live region, and the conversation it is about. */
  done: ActionNotice | null;
  openPanel(panel: ActionPanel): void;
  closePanel(): void;
  loadDirectory(): Promise<void>;
  transfer(id: string, to: TransferTarget, note: string): Promise<boolean>;
  flag(id: string, message: string): Promise<boolean>;
  resolve(id: string, disposition: Disposition, note?: string): Promise<boolean>;
  /** "Open link" beside a turn: the core opens it only if the allowlist permits. */
  openLink(conversationId: string, url: string): Promise<void>;
}

export type ActionsStore = StoreApi<ActionsStoreState>;

/** An agent's actions on the open conversation beyond replying: transfer, flag, resolve. */
export function createActionsStore(api: WarmlineApi): ActionsStore {
  return createStore<ActionsStoreState>()((set, get) => {
    const run = async (conversationId: string, call: () => ReturnType<WarmlineApi['invoke']>, text: string): Promise<boolean> => {
      if (get().isBusy) return false;
      set({ isBusy: true, error: null, done: null });
      const result = await call();
      if (!result.ok) {
        set({ isBusy: false, error: result.error.message });
        return false;
      }
      set({ isBusy: false, panel: null, done: { conversationId, text } });
      return true;
    };

    return {
      panel: null,
      directory: null,
      isBusy: false,
      error: null,
      done: null,

      openPanel(panel) {
        set({ panel, error: null, done: null });
        if (panel === 'transfer') void get().loadDirectory();
      },
      closePanel() {
        set({ panel: null, error: null });
      },

      async loadDirectory() {
        const result = await api.invoke('directory:get', undefined);
        set(result.ok ? { directory: result.value } : { error: result.error.message });
      },

      transfer(id, to, note) {
        const target =
          to.kind === 'queue'
            ? (get().directory?.queues.find((queue) => queue.id === to.id)?.name ?? to.id)
            : (get().directory?.agents.find((agent) => agent.id === to.id)?.name ?? to.id);
        return run(id, () => api.invoke('conversations:transfer', { id, to, note: note.trim() }), `Transferred to ${target}, with your note.`);
      },
      flag(id, message) {
        return run(id, () => api.invoke('conversations:flag', { id, message: message.trim() }), 'Flag raised: a supervisor has been asked to help.');
      },
      resolve(id, disposition, note) {
        const trimmed = note?.trim();
        return run(
          id,
          () => api.invoke('conversations:resolve', trimmed ? { id, disposition, note: trimmed } : { id, disposition }),
          'Conversation resolved.',
        );
      },
      async openLink(conversationId, url) {
        const result = await api.invoke('links:open', { url });
        if (!result.ok) set({ error: result.error.message, done: null });
        else if (result.value.opened) set({ done: { conversationId, text: 'Link opened in your browser.' }, error: null });
        else set({ done: null, error: result.value.reason ?? 'This link cannot be opened.' });
      },
    };
  });
}
