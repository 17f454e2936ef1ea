import type {
  ConversationLifecycleFields,
  ConversationState,
  ConversationView,
  Disposition,
  Message,
  MessageDelivery,
  Offer,
  Owner,
} from '../../shared/conversation';
import type { Attachment, Author, HandoffEnvelope, ReasonKind, SENTIMENT_LABELS, Turn } from '../../shared/envelope';

export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
import type { ConversationListItem } from '../../shared/ipc';
import { sentimentLabelOf as labelOfScore } from '../../shared/sentiment-label';
import { toMillis, type TurnRow } from './turn-writer';

/** Columns of `conversations` as stored; JSON columns stay strings until mapped. */
export interface ConversationRow {
  id: string;
  state: ConversationState;
  queue: string;
  customer_name: string;
  issue_title: string;
  reason_kind: ReasonKind;
  sentiment_score: number | null;
  priority: number;
  channel: string;
  created_at: string;
  updated_at: string;
  unread: number;
  owner: string;
  offer: string | null;
  envelope: string;
  sentiment_label: SentimentLabel | null;
  disposition: Disposition | null;
  lifecycle: string | null;
}

export interface StoredTurnRow {
  turn_id: string;
  at: string;
  author: Author;
  author_name: string | null;
  text: string;
  is_message: number;
  client_message_id: string | null;
  visibility: 'staff' | null;
  attachments: string | null;
}

/** Defaults where the envelope leaves a part out; the hub fills most of them before we see it. */
const DEFAULT_PRIORITY = 0;
const DEFAULT_CHANNEL = 'other';
/** The label History filters by: the score's, by the one threshold the card and the radar use. */
export function sentimentLabelOf(envelope: Pick<HandoffEnvelope, 'sentiment'>): SentimentLabel | null {
  return envelope.sentiment ? labelOfScore(envelope.sentiment.score) : null;
}

/** The lifecycle fields the hub adds besides `disposition` (which has its own column), or null when none. */
function lifecycleJson(view: ConversationView): string | null {
  const { priority, skills, language, previousConversationId, transfer, flags, rating, participants, resolveNote } = view;
  const fields: Omit<ConversationLifecycleFields, 'disposition'> = {
    ...(priority === undefined ? {} : { priority }),
    ...(skills === undefined ? {} : { skills }),
    ...(language === undefined ? {} : { language }),
    ...(previousConversationId === undefined ? {} : { previousConversationId }),
    ...(transfer === undefined ? {} : { transfer }),
    ...(flags === undefined ? {} : { flags }),
    ...(rating === undefined ? {} : { rating }),
    ...(participants === undefined ? {} : { participants }),
    ...(resolveNote === undefined ? {} : { resolveNote }),
  };
  return Object.keys(fields).length === 0 ? null : JSON.stringify(fields);
}

export function toConversationParams(view: ConversationView) {
  const { envelope } = view;
  // The transcript is stored once, as turns; the JSON keeps everything else the card shows.
  const { transcript: _transcript, ...rest } = envelope;
  return {
    id: view.id,
    state: view.state,
    queue: view.queue,
    customerName: envelope.customer.name,
    customerId: envelope.customer.id ?? null,
    issueTitle: envelope.issue?.title ?? envelope.issue?.intent ?? '',
    reasonKind: envelope.reason?.kind ?? 'unknown',
    sentimentScore: envelope.sentiment?.score ?? null,
    priority: envelope.routing?.priority ?? DEFAULT_PRIORITY,
    channel: envelope.routing?.channel ?? DEFAULT_CHANNEL,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    updatedMs: toMillis(view.updatedAt),
    owner: JSON.stringify(view.owner),
    offer: view.offer ? JSON.stringify(view.offer) : null,
    envelope: JSON.stringify(rest),
    sentimentLabel: sentimentLabelOf(envelope),
    disposition: view.disposition ?? null,
    lifecycle: lifecycleJson(view),
  };
}

export const transcriptTurnRow = (conversationId: string, turn: Turn): TurnRow => ({
  conversationId,
  turnId: turn.id,
  at: turn.at,
  author: turn.author,
  authorName: turn.name ?? null,
  text: turn.text,
  isMessage: false,
  clientMessageId: null,
  visibility: null,
  attachments: turn.attachments ?? null,
});

export const messageTurnRow = (message: Message): TurnRow => ({
  conversationId: message.conversationId,
  turnId: message.id,
  at: message.at,
  author: message.author,
  authorName: message.authorName ?? null,
  text: message.text,
  isMessage: true,
  clientMessageId: message.clientMessageId ?? null,
  visibility: message.visibility === 'staff' ? 'staff' : null,
  attachments: message.attachments ?? null,
});

const toTurn = (row: StoredTurnRow): Turn => ({
  id: row.turn_id,
  at: row.at,
  author: row.author,
  text: row.text,
  ...(row.author_name === null ? {} : { name: row.author_name }),
  ...(row.attachments === null ? {} : { attachments: JSON.parse(row.attachments) as Attachment[] }),
});

const toMessage = (conversationId: string, row: StoredTurnRow): Message => ({
  id: row.turn_id,
  conversationId,
  at: row.at,
  author: row.author,
  text: row.text,
  ...(row.author_name === null ? {} : { authorName: row.author_name }),
  ...(row.client_message_id === null ? {} : { clientMessageId: row.client_message_id }),
  ...(row.visibility === null ? {} : { visibility: row.visibility }),
  ...(row.attachments === null ? {} : { attachments: JSON.parse(row.attachments) as Attachment[] }),
});

export function toConversationView(row: ConversationRow, turns: StoredTurnRow[]): ConversationView {
  const envelope = JSON.parse(row.envelope) as Omit<HandoffEnvelope, 'transcript'>;
  const lifecycle = row.lifecycle === null ? {} : (JSON.parse(row.lifecycle) as ConversationLifecycleFields);
  return {
    ...lifecycle,
    ...(row.disposition === null ? {} : { disposition: row.disposition }),
    id: row.id,
    state: row.state,
    queue: row.queue,
    owner: JSON.parse(row.owner) as Owner,
    offer: row.offer === null ? null : (JSON.parse(row.offer) as Offer),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    envelope: { ...envelope, transcript: turns.filter((turn) => turn.is_message === 0).map(toTurn) },
    messages: turns.filter((turn) => turn.is_message === 1).map((turn) => toMessage(row.id, turn)),
  };
}

/**
 * What a list row shows from the owner and lifecycle JSON, read by SQLite so the list never parses
 * either document. `c` is the conversations table. A query that selects these (the conversation
 * list does; history's pages should too) gets ownerName and transferNote on its items.
 */
export const LIST_LIFECYCLE_COLUMNS = `json_extract(c.owner, '$.name') AS owner_name,
  json_extract(c.owner, '$.since') AS owner_since,
  (SELECT count(*) FROM json_each(c.lifecycle, '$.flags') f WHERE json_extract(f.value, '$.answer') IS NULL) AS open_flags,
  json_extract(c.owner, '$.id') AS owner_id,
  json_extract(c.lifecycle, '$.transfer.note') AS transfer_note,
  json_extract(c.lifecycle, '$.transfer.from.name') AS transfer_from`;

/**
 * A list row's last message: the text of the conversation's highest seq. `max(seq)` is read from
 * the turns_by_id index alone (its entries carry the rowid), one short range per conversation.
 */
export const LAST_MESSAGE_COLUMN = `(SELECT t.text FROM turns t
  WHERE t.seq = (SELECT max(l.seq) FROM turns l WHERE l.conversation_id = c.id)) AS last_message`;

/**
 * The newest delivery problem among a conversation's outgoing messages (one still retrying, or
 * refused for good), read by the list from `message_delivery`'s primary key; null when none.
 */
export const CHANNEL_TROUBLE_COLUMN = `(SELECT d.delivery FROM message_delivery d
  WHERE d.conversation_id = c.id AND json_extract(d.delivery, '$.state') IN ('retrying', 'failed')
  ORDER BY json_extract(d.delivery, '$.at') DESC LIMIT 1) AS channel_trouble`;

/**
 * A row of a list query. The lifecycle columns are optional: a query that does not select
 * LIST_LIFECYCLE_COLUMNS still maps, only without ownerName and transferNote.
 */
export type ListItemRow = ConversationRow & {
  last_message: string | null;
  channel_trouble?: string | null;
  owner_name?: string | null;
  owner_since?: string | null;
  open_flags?: number;
  owner_id?: string | null;
  transfer_note?: string | null;
  transfer_from?: string | null;
};

export const toListItem = (row: ListItemRow): ConversationListItem => ({
  id: row.id,
  state: row.state,
  queue: row.queue,
  customerName: row.customer_name,
  issueTitle: row.issue_title,
  reasonKind: row.reason_kind,
  sentimentScore: row.sentiment_score,
  priority: row.priority,
  channel: row.channel,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  unread: row.unread,
  offer: row.offer === null ? null : (JSON.parse(row.offer) as Offer),
  lastMessage: row.last_message,
  disposition: row.disposition,
  ...(typeof row.owner_name === 'string' ? { ownerName: row.owner_name } : {}),
  ...(typeof row.owner_since === 'string' ? { ownerSince: row.owner_since } : {}),
  ...(row.open_flags === undefined ? {} : { openFlags: row.open_flags }),
  ...(typeof row.owner_id === 'string' ? { ownerId: row.owner_id } : {}),
  ...(row.transfer_note === undefined ? {} : { transferNote: row.transfer_note }),
  ...(row.transfer_from === undefined ? {} : { transferFrom: row.transfer_from }),
  ...(row.channel_trouble ? { channelTrouble: JSON.parse(row.channel_trouble) as MessageDelivery } : {}),
});
