import { Map as PersistentMap } from 'immutable';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentStatus, TransferTarget } from '../../../shared/conversation';
import type { Attachment } from '../../../shared/envelope';
import type { CachedConversation, WarmlineApi } from '../../../shared/ipc';
import type { ServiceLevelTarget } from '../../../shared/service-level';

export interface SupervisorStoreState {
  agents: AgentStatus[];
  /**
   * When each conversation was first seen assigned: the service level is measured from it. It
   * grows all day, so it is a persistent map: an answer costs the same whatever its size
   * (docs/decisions/010-console-stores-update-in-place.md).
   */
  answeredAt: AnsweredAt;
  /** Each watched queue's service-level target, as its admin set it; replaced whole on each load. */
  queueTargets: Readonly<Record<string, ServiceLevelTarget>>;
  /** Each watched queue's name as its admin wrote it, by id. */
  queueNames: Readonly<Record<string, string>>;
  /** The conversation being watched and its transcript. */
  monitored: CachedConversation | null;
  /** When the monitored conversation's agent last typed. */
  typingAt: string | null;
  isBusy: boolean;
  error: string | null;
  loadAgents(): Promise<void>;
  /** Reads the watched queues' settings again (an admin may have changed a target). */
  loadQueues(): Promise<void>;
  monitor(id: string): Promise<void>;
  stopMonitoring(): void;
  whisper(text: string, flagId?: string): Promise<boolean>;
  barge(flagId?: string): Promise<void>;
  takeOver(): Promise<void>;
  transfer(to: TransferTarget, note: string): Promise<boolean>;
  acknowledgeFlag(flagId: string): Promise<void>;
  /** Write to the customer, once barged in or owning the chat; the hub refuses it otherwise. */
  say(text: string, attachments?: Attachment[]): Promise<boolean>;
  /** Calls `listener` with the id of each conversation an event changed; returns the unsubscribe. */
  watchChanges(listener: (id: string) => void): () => void;
}

export type AnsweredAt = PersistentMap<string, string>;

export type SupervisorStore = StoreApi<SupervisorStoreState>;

/** The supervisor console's live state: agents from the hub, the chat being watched, step-ins. */
export function createSupervisorStore(api: WarmlineApi): SupervisorStore {
  const changeListeners = new Set<(id: string) => void>();
  const store = createStore<SupervisorStoreState>()((set, get) => {
    /** Runs a step-in on the watched chat; a refusal is shown, not thrown. */
    async function stepIn<T>(run: (id: string) => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T | null> {
      const id = get().monitored?.id;
      if (!id) return null;
      set({ isBusy: true, error: null });
      const result = await run(id);
      set({ isBusy: false, error: result.ok ? null : result.error.message });
      return result.ok ? result.value : null;
    }

    return {
      agents: [],
      answeredAt: PersistentMap<string, string>(),
      queueTargets: {},
      queueNames: {},
      monitored: null,
      typingAt: null,
      isBusy: false,
      error: null,

      async loadAgents() {
        const result = await api.invoke('supervisor:agents', undefined);
        if (result.ok) set({ agents: result.value });
      },

      async loadQueues() {
        const result = await api.invoke('directory:get', undefined);
        if (!result.ok) return;
        const targets = Object.fromEntries(result.value.queues.flatMap((queue) => (queue.serviceLevel ? [[queue.id, queue.serviceLevel]] : [])));
        const names = Object.fromEntries(result.value.queues.map((queue) => [queue.id, queue.name]));
        // Unchanged targets keep their identity, so the live room does not recount the day for nothing.
        if (JSON.stringify(targets) !== JSON.stringify(get().queueTargets)) set({ queueTargets: targets });
        if (JSON.stringify(names) !== JSON.stringify(get().queueNames)) set({ queueNames: names });
      },

      async monitor(id) {
        set({ isBusy: true, error: null, typingAt: null });
        const result = await api.invoke('supervisor:monitor', { id });
        set(result.ok ? { isBusy: false, monitored: result.value } : { isBusy: false, error: result.error.message });
      },

      stopMonitoring() {
        set({ monitored: null, typingAt: null, error: null });
      },

      async whisper(text, flagId) {
        return (await stepIn((id) => api.invoke('supervisor:whisper', { id, text, ...(flagId ? { flagId } : {}) }))) !== null;
      },

      async barge(flagId) {
        const view = await stepIn((id) => api.invoke('supervisor:barge', { id, ...(flagId ? { flagId } : {}) }));
        if (view) set({ monitored: view });
      },

      async takeOver() {
        const view = await stepIn((id) => api.invoke('supervisor:take-over', { id }));
        if (view) set({ monitored: view });
      },

      async transfer(to, note) {
        return (await stepIn((id) => api.invoke('supervisor:transfer', { id, to, note }))) !== null;
      },

      async say(text, attachments = []) {
        return (await stepIn((id) => api.invoke('conversations:reply', { id, text, ...(attachments.length > 0 ? { attachments } : {}) }))) !== null;
      },

      watchChanges(listener) {
        // eslint-disable-next-line functional/immutable-data -- a listener registry beside the state: subscribing re-renders nothing.
        changeListeners.add(listener);
        // eslint-disable-next-line functional/immutable-data -- the same listener registry.
        return () => changeListeners.delete(listener);
      },

      async acknowledgeFlag(flagId) {
        set({ isBusy: true, error: null });
        const result = await api.invoke('supervisor:acknowledge-flag', { flagId });
        set({ isBusy: false, error: result.ok ? null : result.error.message });
      },
    };
  });

  api.onEvent((event) => {
    if (event.type === 'agents:changed') store.setState({ agents: event.agents });
    if (event.type === 'typing' && event.conversationId === store.getState().monitored?.id) store.setState({ typingAt: event.at });
    if (event.type === 'conversation:changed') {
      const { item } = event;
      changeListeners.forEach((listener) => listener(item.id));
      if (item.state === 'assigned' && !store.getState().answeredAt.has(item.id)) {
        store.setState((state) => ({ answeredAt: state.answeredAt.set(item.id, item.updatedAt) }));
      }
      // The watched transcript (and its flags, which the cache keeps) follows the conversation as it changes.
      if (item.id === store.getState().monitored?.id) {
        void api.invoke('conversations:get', { id: item.id }).then((result) => {
          if (result.ok && result.value && result.value.id === store.getState().monitored?.id) store.setState({ monitored: result.value });
        });
      }
    }
  });

  return store;
}
