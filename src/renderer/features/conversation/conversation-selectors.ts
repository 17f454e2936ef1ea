import type { MessageDelivery, TransferNote } from '../../../shared/conversation';
import type { Attachment, Author } from '../../../shared/envelope';
import type { CachedConversation } from '../../../shared/ipc';
import type { ConversationStoreState } from './conversation-store';
import { warningNotices, type RepeatAskNotice } from './repeat-ask-guard';

/** One line of the conversation as shown: a bot-era turn, a live message or an unsent reply. */
export interface TimelineEntry {
  key: string;
  author: Author;
  authorName: string | null;
  at: string;
  text: string;
  /** True for turns from before the handoff (the bot's transcript). */
  isBeforeHandoff: boolean;
  /** Evidence of why the bot handed off. */
  isEvidence: boolean;
  delivery: 'sent' | 'pending' | 'failed';
  deliveryError: string | null;
  /** A supervisor's whisper: only staff see it, and it is marked so. */
  isWhisper?: boolean;
  /** Files sent with the turn. */
  attachments?: readonly Attachment[];
  /** How far an agent's or supervisor's message got into the customer's channel. */
  channel?: MessageDelivery;
}

export const selectOpenConversation = (state: ConversationStoreState): CachedConversation | null =>
  state.openId ? (state.byId[state.openId] ?? null) : null;

export const selectDraft =
  (id: string) =>
  (state: ConversationStoreState): string =>
    state.drafts[id] ?? '';

const NO_NOTICES: RepeatAskNotice[] = [];
const noticeCache = new WeakMap<CachedConversation, { draft: string; warned: string[]; notices: RepeatAskNotice[] }>();

/**
 * The repeat-ask warning under the composer, recomputed as the draft changes. The same inputs
 * give the same array, as a zustand selector must.
 */
export const selectRepeatAskWarning =
  (id: string) =>
  (state: ConversationStoreState): RepeatAskNotice[] => {
    const conversation = state.byId[id];
    const warned = state.repeatAskWarned[id];
    if (!conversation || !warned) return NO_NOTICES;
    const draft = state.drafts[id] ?? '';
    const cached = noticeCache.get(conversation);
    if (cached && cached.draft === draft && cached.warned === warned) return cached.notices;
    const notices = warningNotices(draft, conversation.envelope, warned);
    noticeCache.set(conversation, { draft, warned, notices: notices.length === 0 ? NO_NOTICES : notices });
    return notices.length === 0 ? NO_NOTICES : notices;
  };

const timelineCache = new WeakMap<CachedConversation, TimelineEntry[]>();

/** Who handed the chat on, where to and why, in the words shown on the card too. */
export const transferLine = (transfer: TransferNote): string =>
  `${transfer.from.name} transferred this chat to ${transfer.to.kind === 'queue' ? `the ${transfer.to.name} queue` : transfer.to.name}: “${transfer.note}”`;

/** The latest warm transfer as a staff-only line among the live messages, at the moment it was made. */
function transferEntry(transfer: TransferNote): TimelineEntry {
  return {
    key: `transfer:${transfer.at}`,
    author: 'system',
    authorName: null,
    at: transfer.at,
    text: transferLine(transfer),
    isBeforeHandoff: false,
    isEvidence: false,
    delivery: 'sent',
    deliveryError: null,
    isWhisper: true,
  };
}

/** The bot transcript, then live messages, then what the hub has not acknowledged yet. */
export function buildTimeline(conversation: CachedConversation): TimelineEntry[] {
  const cached = timelineCache.get(conversation);
  if (cached) return cached;
  const evidence = new Set(conversation.envelope.reason?.evidenceTurnIds ?? []);
  const entries: TimelineEntry[] = conversation.envelope.transcript.map((turn) => ({
    key: `turn:${turn.id}`,
    author: turn.author,
    authorName: turn.name ?? null,
    at: turn.at,
    text: turn.text,
    isBeforeHandoff: true,
    isEvidence: evidence.has(turn.id),
    delivery: 'sent',
    deliveryError: null,
    ...(turn.attachments?.length ? { attachments: turn.attachments } : {}),
  }));
  const confirmedKeys = new Set<string>();
  for (const message of conversation.messages) {
    if (message.clientMessageId) confirmedKeys.add(message.clientMessageId);
    entries.push({
      key: `msg:${message.id}`,
      author: message.author,
      authorName: message.authorName ?? null,
      at: message.at,
      text: message.text,
      isBeforeHandoff: false,
      isEvidence: false,
      delivery: 'sent',
      deliveryError: null,
      isWhisper: message.visibility === 'staff',
      ...(message.attachments?.length ? { attachments: message.attachments } : {}),
      ...(message.delivery ? { channel: message.delivery } : {}),
    });
  }
  const { transfer } = conversation;
  if (transfer) {
    const liveStart = conversation.envelope.transcript.length;
    let index = entries.length;
    while (index > liveStart && (entries[index - 1]?.at ?? '') > transfer.at) index -= 1;
    entries.splice(index, 0, transferEntry(transfer));
  }
  for (const message of conversation.pending) {
    if (message.clientMessageId && confirmedKeys.has(message.clientMessageId)) continue;
    entries.push({
      key: `pending:${message.clientMessageId ?? message.id}`,
      author: message.author,
      authorName: message.authorName ?? null,
      at: message.at,
      text: message.text,
      isBeforeHandoff: false,
      isEvidence: false,
      delivery: message.status,
      deliveryError: message.error,
      ...(message.attachments?.length ? { attachments: message.attachments } : {}),
    });
  }
  timelineCache.set(conversation, entries);
  return entries;
}
