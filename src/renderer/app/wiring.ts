import type { WarmlineApi } from '../../shared/ipc';
import type { Transport } from '../api';
import { createAdminStore, type AdminStore } from '../features/admin/admin-store';
import { createActionsStore, type ActionsStore } from '../features/conversation/actions-store';
import { createConversationStore, type ConversationStore } from '../features/conversation/conversation-store';
import { createFilesStore, type FilesStore } from '../features/conversation/files-store';
import { createEarlierStore, type EarlierStore } from '../features/handoff-card/earlier-store';
import { createHistoryStore, type HistoryStore } from '../features/history/history-store';
import { createInboxStore, type InboxStore } from '../features/inbox/inbox-store';
import { createSessionStore, type SessionStore } from '../features/session/session-store';
import { createQualityStore, type QualityStore } from '../features/quality/quality-store';
import { createSupervisorStore, type SupervisorStore } from '../features/supervisor/supervisor-store';

export interface Stores {
  session: SessionStore;
  inbox: InboxStore;
  conversation: ConversationStore;
  files: FilesStore;
  actions: ActionsStore;
  history: HistoryStore;
  earlier: EarlierStore;
  supervisor: SupervisorStore;
  quality: QualityStore;
  admin: AdminStore;
  transport: Transport;
}

/**
 * Builds the feature stores over one api and connects them where one feature follows another:
 * a signed-in user loads the inbox, an opened row loads its conversation, a bridge reconnect reloads
 * everything (events may have been missed while it was down).
 */
export function createStores(api: WarmlineApi, transport: Transport): Stores {
  const session = createSessionStore(api);
  const inbox = createInboxStore(api);
  const files = createFilesStore(api);
  const conversation = createConversationStore(api, files);
  const actions = createActionsStore(api);
  const history = createHistoryStore(api);
  const admin = createAdminStore(api);

  let userId: string | null = null;
  session.subscribe((state) => {
    const nextUserId = state.session?.user?.id ?? null;
    if (nextUserId === userId) return;
    userId = nextUserId;
    conversation.getState().close();
    inbox.getState().clear();
    history.getState().reset();
    if (nextUserId) void inbox.getState().load();
    // An admin signs in to set the hub up: Administration opens first; anyone else never sees it.
    if (state.session?.user?.role === 'admin') admin.getState().open('people');
    else admin.getState().close();
  });

  inbox.subscribe((state, previous) => {
    if (state.selectedId === previous.selectedId) return;
    actions.getState().closePanel();
    if (state.selectedId) void conversation.getState().open(state.selectedId);
    else conversation.getState().close();
  });

  transport.onReconnected(() => {
    void session.getState().load();
    if (userId) void inbox.getState().load();
    const openId = conversation.getState().openId;
    if (openId) void conversation.getState().refresh(openId);
    if (history.getState().isOpen) void history.getState().refresh();
  });

  void session.getState().load();
  return { session, inbox, conversation, files, actions, history, earlier: createEarlierStore(api), supervisor: createSupervisorStore(api), quality: createQualityStore(api), admin, transport };
}
