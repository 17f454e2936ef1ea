import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Message } from '../../../shared/conversation';
import type { CachedConversation, PendingMessage, WarmlineApi } from '../../../shared/ipc';
import type { FilesStore } from './files-store';
import { sendDecision } from './repeat-ask-guard';
import { createTypingSignal } from './typing-signal';

export interface ConversationStoreState {
  /** Conversations fetched this session, by id: switching back shows the last copy at once. */
  byId: Record<string, CachedConversation>;
  openId: string | null;
  /** Unsent text per conversation id, kept while the agent switches between conversations. */
  drafts: Record<string, string>;
  /** Per conversation, the fields the agent was warned they are asking for again. */
  repeatAskWarned: Record<string, string[]>;
  isLoading: boolean;
  isAccepting: boolean;
  isDeclining: boolean;
  isSending: boolean;
  /** The last failed action, in the core's words, for the open conversation. */
  error: string | null;
  open(id: string): Promise<void>;
  close(): void;
  accept(id: string): Promise<boolean>;
  decline(id: string, reason?: string): Promise<boolean>;
  editDraft(id: string, text: string): void;
  reply(id: string): Promise<boolean>;
  /** Enter or Send: warns first when the draft asks for something the customer already gave. */
  send(id: string): Promise<'sent' | 'warned' | 'failed'>;
  sendAnyway(id: string): Promise<boolean>;
  refresh(id: string): Promise<void>;
}

export type ConversationStore = StoreApi<ConversationStoreState>;

const isPending = (message: PendingMessage | Message): message is PendingMessage => 'status' in message;

/** Adds the core's answer to a reply without duplicating what a refresh may already have brought. */
function withReply(conversation: CachedConversation, message: PendingMessage | Message): CachedConversation {
  const sameAs = (other: Message): boolean =>
    other.id === message.id || (Boolean(message.clientMessageId) && other.clientMessageId === message.clientMessageId);
  if (conversation.messages.some(sameAs)) return conversation;
  if (isPending(message)) {
    return { ...conversation, pending: [...conversation.pending.filter((p) => !sameAs(p)), message] };
  }
  return { ...conversation, messages: [...conversation.messages, message], pending: conversation.pending.filter((p) => !sameAs(p)) };
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** `files` holds what the agent attached; a reply takes them along. */
export function createConversationStore(api: WarmlineApi, files?: FilesStore): ConversationStore {
  // Refreshes are coalesced per id: one in flight, at most one more queued behind it.
  const refreshing = new Map<string, Promise<void>>();
  const refreshAgain = new Set<string>();
  // Only the owner's typing is relayed (the hub refuses others): a failed signal is not worth a word.
  const signalTyping = createTypingSignal((id) => void api.invoke('conversations:typing', { id }));

  const store = createStore<ConversationStoreState>()((set, get) => {
    const put = (conversation: CachedConversation): void =>
      set((state) => ({ byId: { ...state.byId, [conversation.id]: conversation } }));

    const fetchOnce = async (id: string): Promise<void> => {
      const result = await api.invoke('conversations:get', { id });
      if (!result.ok) {
        if (get().openId === id) set({ error: result.error.message });
        return;
      }
      if (result.value) put(result.value);
      else if (get().openId === id) set({ error: 'This conversation is no longer available.' });
    };

    return {
      byId: {},
      openId: null,
      drafts: {},
      repeatAskWarned: {},
      isLoading: false,
      isAccepting: false,
      isDeclining: false,
      isSending: false,
      error: null,

      async open(id) {
        set({ openId: id, error: null, isLoading: !(id in get().byId) });
        await get().refresh(id);
        if (get().openId !== id) return;
        set({ isLoading: false });
        void api.invoke('conversations:mark-read', { id });
      },

      close() {
        set({ openId: null, error: null, isLoading: false });
      },

      async accept(id) {
        if (get().isAccepting) return false;
        set({ isAccepting: true, error: null });
        const result = await api.invoke('conversations:accept', { id });
        if (!result.ok) {
          set({ isAccepting: false, error: result.error.message });
          return false;
        }
        put(result.value);
        set({ isAccepting: false });
        return true;
      },

      async decline(id, reason) {
        if (get().isDeclining) return false;
        set({ isDeclining: true, error: null });
        const trimmed = reason?.trim();
        const result = await api.invoke('conversations:decline', trimmed ? { id, reason: trimmed } : { id });
        if (!result.ok) {
          set({ isDeclining: false, error: result.error.message });
          return false;
        }
        set({ isDeclining: false });
        return true;
      },

      editDraft(id, text) {
        if (get().byId[id]?.state === 'assigned') signalTyping(id, text);
        set((state) => ({
          drafts: { ...state.drafts, [id]: text },
          repeatAskWarned: text.trim() ? state.repeatAskWarned : withoutKey(state.repeatAskWarned, id),
        }));
      },

      async send(id) {
        const conversation = get().byId[id];
        const warned = get().repeatAskWarned[id] ?? [];
        const decision = conversation ? sendDecision(get().drafts[id] ?? '', conversation.envelope, warned) : { action: 'send' as const };
        if (decision.action === 'warn') {
          set((state) => ({ repeatAskWarned: { ...state.repeatAskWarned, [id]: decision.warnedKeys } }));
          return 'warned';
        }
        return (await get().reply(id)) ? 'sent' : 'failed';
      },

      sendAnyway(id) {
        return get().reply(id);
      },

      async reply(id) {
        const text = (get().drafts[id] ?? '').trim();
        const attachments = files?.getState().outgoing[id] ?? [];
        if ((!text && attachments.length === 0) || get().isSending) return false;
        set({ isSending: true, error: null });
        const result = await api.invoke('conversations:reply', { id, text, ...(attachments.length > 0 ? { attachments } : {}) });
        if (!result.ok) {
          // The draft stays, so nothing the agent wrote is lost to a failed send.
          set({ isSending: false, error: result.error.message });
          return false;
        }
        files?.getState().sent(id);
        set((state) => {
          const conversation = state.byId[id];
          return {
            isSending: false,
            drafts: withoutKey(state.drafts, id),
            repeatAskWarned: withoutKey(state.repeatAskWarned, id),
            byId: conversation ? { ...state.byId, [id]: withReply(conversation, result.value) } : state.byId,
          };
        });
        return true;
      },

      refresh(id) {
        const running = refreshing.get(id);
        if (running) {
          // eslint-disable-next-line functional/immutable-data -- refresh bookkeeping beside the state: nothing renders from it.
          refreshAgain.add(id);
          return running;
        }
        const run = (async () => {
          do {
            // eslint-disable-next-line functional/immutable-data -- refresh bookkeeping, as above.
            refreshAgain.delete(id);
            await fetchOnce(id);
          } while (refreshAgain.has(id));
          // eslint-disable-next-line functional/immutable-data -- refresh bookkeeping, as above.
          refreshing.delete(id);
        })();
        // eslint-disable-next-line functional/immutable-data -- refresh bookkeeping, as above.
        refreshing.set(id, run);
        return run;
      },
    };
  });

  api.onEvent((event) => {
    if (event.type === 'conversation:changed' && event.item.id === store.getState().openId) {
      void store.getState().refresh(event.item.id);
      // The agent is looking at it: what arrives in the open conversation is read.
      if (event.item.unread > 0) void api.invoke('conversations:mark-read', { id: event.item.id });
    }
  });
  return store;
}
