import { randomUUID } from 'node:crypto';
import type { ConversationView, DeclineReason, Message } from '../../shared/conversation';
import type { Attachment } from '../../shared/envelope';
import type { CachedConversation, ConversationExport, ConversationListItem, PendingMessage } from '../../shared/ipc';
import type { ConversationRepository } from '../cache/conversations';
import type { OutboxRepository } from '../cache/outbox';
import type { Profile } from '../cache/profile';
import type { HubHttpClient } from '../hub-client/http-client';
import { renderConversationExport, type FileOf } from '../services/export-html';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions } from '../services/export-outcome';
import { createOutboxSender } from '../services/outbox-sender';
import { CoreError } from './core-error';

export interface ConversationActionDeps {
  conversations: ConversationRepository;
  outbox: OutboxRepository;
  now: () => Date;
  requireProfile(): Profile;
  requireOnline(): HubHttpClient;
  isClosed(): boolean;
  /** Tells the UI that a conversation's list item changed. */
  changed(id: string): void;
  /** A kept file's bytes, for the export. */
  fileOf?: FileOf;
}

/**
 * What the agent does to one conversation (accept, decline, reply, mark read) and how the cache
 * answers for it. Kept apart from create-core so the session and sync plumbing there stays short.
 */
export function createConversationActions(deps: ConversationActionDeps) {
  const { conversations, outbox } = deps;

  const sender = createOutboxSender({
    outbox,
    send: (conversationId, clientMessageId, text, attachmentIds) =>
      deps.requireOnline().send(deps.requireProfile().token, conversationId, clientMessageId, text, attachmentIds),
    isClosed: deps.isClosed,
    onChanged: deps.changed,
  });

  const get = (id: string): CachedConversation | null => {
    const view = conversations.get(id);
    return view ? { ...view, pending: outbox.pending(id) } : null;
  };

  return {
    /** Sends what waited in the outbox; called on every (re)connection. */
    flush: () => sender.flush(),

    list: (): ConversationListItem[] => conversations.list(),
    get,

    /** Stores a conversation view the hub returned and tells the UI it changed. */
    storeView(view: ConversationView): CachedConversation {
      conversations.save(view);
      deps.changed(view.id);
      return get(view.id)!;
    },

    exportConversation(id: string, options: ExportOptions = DEFAULT_EXPORT_OPTIONS): ConversationExport {
      const conversation = get(id);
      if (!conversation) throw new CoreError('not_found', 'This conversation is not in the local cache.');
      return renderConversationExport(conversation, deps.now(), deps.fileOf, options);
    },

    async accept(id: string): Promise<CachedConversation> {
      const view = await deps.requireOnline().accept(deps.requireProfile().token, id);
      conversations.save(view);
      deps.changed(id);
      return get(id)!;
    },

    async decline(id: string, reason?: string, code?: DeclineReason): Promise<null> {
      const body = { ...(reason ? { reason } : {}), ...(code ? { code } : {}) };
      await deps.requireOnline().call('POST', `/v1/conversations/${encodeURIComponent(id)}/decline`, deps.requireProfile().token, body);
      return null;
    },

    /** Stored first, sent after: a reply written offline waits in the outbox, marked pending. */
    reply(id: string, text: string, attachments: Attachment[] = []): PendingMessage | Message {
      const user = deps.requireProfile().user;
      // The outbox belongs to a cached conversation: one the user never saw cannot be written to.
      if (!conversations.has(id)) throw new CoreError('not_found', 'This conversation is not in the local cache.');
      const pending = outbox.enqueue({
        id: `local_${randomUUID()}`,
        conversationId: id,
        at: deps.now().toISOString(),
        // A supervisor who barged in writes as a supervisor: the customer sees them labelled.
        author: user.role === 'agent' ? 'agent' : 'supervisor',
        authorName: user.name,
        text,
        clientMessageId: randomUUID(),
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      deps.changed(id);
      void sender.flush();
      return pending;
    },

    markRead(id: string): null {
      conversations.markRead(id);
      deps.changed(id);
      return null;
    },
  };
}

export type ConversationActions = ReturnType<typeof createConversationActions>;
