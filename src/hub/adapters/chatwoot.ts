import type { Turn } from '../../shared/envelope';
import { parseWith } from '../../shared/validation';
import {
  conversationEventSchema,
  messageEventSchema,
  type ChatwootContact,
  type ChatwootConversationEvent,
  type ChatwootMessage,
} from './chatwoot-schema';
import { readHandoffContext } from './context';
import { fieldsFrom } from './fields';
import { byTime, finish, ignored, invalid } from './finish';
import { channelFrom, clipShort, clipTurn, customerName, stableId, toIsoTime } from './normalize';
import { isRecord, optionalShort } from './shape';
import type { Adapter, AdapterContext, AdapterOutcome } from './types';

/**
 * Chatwoot tells a conversation in separate webhooks: `message_created` for each message (kept
 * as a pending transcript), `conversation_created` with the contact, and finally
 * `conversation_status_changed` to `open` when the bot hands the pending conversation to humans.
 * Pending transcripts are keyed by integration, account and conversation, so one integration can
 * never add turns to another's conversation.
 */

const TYPE_BY_NUMBER = ['incoming', 'outgoing', 'activity', 'template'] as const;

function translate(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  const event = isRecord(payload) ? payload.event : undefined;
  if (event === 'message_created') return onMessage(payload, ctx);
  if (event === 'conversation_created' || event === 'conversation_status_changed') return onConversation(payload, ctx);
  if (typeof event === 'string') return ignored(`Chatwoot event ${clipShort(event)} does not concern a handoff`);
  return invalid([{ path: 'event', message: 'expected the name of a Chatwoot webhook event' }]);
}

function onMessage(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  const parsed = parseWith(messageEventSchema, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const message = parsed.value;
  const conversationId = message.conversation?.display_id ?? message.conversation?.id ?? message.conversation_id;
  if (!conversationId) return invalid([{ path: 'conversation.display_id', message: 'the message names no conversation' }]);
  // Once a human has the conversation, its messages are no longer the bot's transcript.
  const status = message.conversation?.status;
  if (status && status !== 'pending') return ignored(`conversation is ${clipShort(status)}; only messages before the handoff are kept`);
  const account = message.account?.id ?? message.account_id ?? message.conversation?.account_id;
  const key = pendingKey(ctx, account, conversationId);
  const contact = message.contact ?? (message.sender?.type === 'contact' ? message.sender : undefined);
  if (contact) ctx.pending.remember(key, contactMeta(contact));
  const turn = toTurn(message, ctx.now().toISOString(), contact?.name ?? undefined);
  if (!turn) return ignored('activity, private or empty messages are not part of the transcript');
  ctx.pending.append(key, turn);
  return { kind: 'recorded', detail: `message ${turn.id} kept for conversation ${conversationId}` };
}

function onConversation(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  const parsed = parseWith(conversationEventSchema, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const conversation = parsed.value;
  const conversationId = conversation.id ?? conversation.display_id;
  if (!conversationId) return invalid([{ path: 'id', message: 'the event names no conversation' }]);
  const account = conversation.account?.id ?? conversation.account_id ?? conversation.messages?.find((m) => m.account_id)?.account_id;
  const key = pendingKey(ctx, account, conversationId);
  const contact = conversation.meta?.sender;
  if (conversation.event === 'conversation_created') {
    if (contact) ctx.pending.remember(key, contactMeta(contact));
    for (const turn of nestedTurns(conversation, ctx)) ctx.pending.append(key, turn);
    return { kind: 'recorded', detail: `conversation ${conversationId} is being followed` };
  }
  const previous = previousStatus(conversation);
  if (conversation.status !== 'open') return ignored(`conversation is now ${clipShort(conversation.status ?? 'of unknown status')}, not handed to a human`);
  if (previous !== undefined && previous !== 'pending') return ignored(`conversation reopened from ${clipShort(previous)}; the bot did not hand it off`);
  return handoff(conversation, { key, account: account ?? '_', conversationId, contact }, ctx);
}

interface Where {
  key: string;
  account: string;
  conversationId: string;
  contact: ChatwootContact | null | undefined;
}

function handoff(conversation: ChatwootConversationEvent, where: Where, ctx: AdapterContext): AdapterOutcome {
  const pending = ctx.pending.read(where.key);
  const known = new Set(pending.turns.map((turn) => turn.id));
  const transcript = byTime([...pending.turns, ...nestedTurns(conversation, ctx).filter((turn) => !known.has(turn.id))]);
  const remembered = pending.meta;
  const contact = where.contact;
  const contactId = contact?.id ?? stringOf(remembered.contactId);
  const attributes = conversation.custom_attributes ?? {};
  const context = readHandoffContext(attributes);
  const contactFields = fieldsFrom(contact?.custom_attributes ?? {}).filter((f) => !context.fields.some((c) => c.key === f.key));
  const labels = conversation.labels?.filter((label) => label.trim()) ?? [];
  return finish(
    {
      v: 1,
      id: stableId('chatwoot', where.account, where.conversationId),
      source: { platform: 'chatwoot', conversationId: clipShort(where.conversationId) },
      customer: {
        id: contactId,
        name: customerName(contact?.name ?? stringOf(remembered.contactName), contactId ?? where.conversationId),
        email: optionalShort(contact?.email ?? stringOf(remembered.contactEmail)),
        phone: optionalShort(contact?.phone_number ?? stringOf(remembered.contactPhone)),
      },
      issue: context.issue,
      reason: context.reason,
      summary: context.summary,
      fields: [...context.fields, ...contactFields],
      transcript,
      routing: { ...context.routing, channel: channelFrom(conversation.channel ?? undefined) },
      extra: labels.length ? { labels } : undefined,
    },
    [where.key],
  );
}

function toTurn(message: ChatwootMessage, fallbackTime: string, contactName?: string): Turn | undefined {
  const type = typeof message.message_type === 'number' ? TYPE_BY_NUMBER[message.message_type] : message.message_type;
  if (type === 'activity' || message.private) return undefined;
  const files = (message.attachments ?? []).map((file) => file.file_type ?? 'file');
  const text = message.content ?? (files.length ? `[${files.join(', ')}]` : '');
  if (!text) return undefined;
  const senderType = (message.sender?.type ?? message.sender_type ?? '').toLowerCase();
  const author = type === 'incoming' ? 'customer' : senderType === 'user' ? 'agent' : 'bot';
  return {
    id: `cw-${message.id}`,
    at: toIsoTime(message.created_at, fallbackTime),
    author,
    text: clipTurn(text),
    name: optionalShort((author === 'customer' ? contactName : undefined) ?? message.sender?.name ?? undefined),
  };
}

/** Conversation events carry their latest message(s); they count as if the message webhook came. */
function nestedTurns(conversation: ChatwootConversationEvent, ctx: AdapterContext): Turn[] {
  const now = ctx.now().toISOString();
  return (conversation.messages ?? []).flatMap((message) => toTurn(message, now) ?? []);
}

function previousStatus(conversation: ChatwootConversationEvent): string | undefined {
  for (const change of conversation.changed_attributes ?? []) {
    const status = change.status;
    if (isRecord(status) && typeof status.previous_value === 'string') return status.previous_value;
  }
  return undefined;
}

const pendingKey = (ctx: AdapterContext, account: string | null | undefined, conversationId: string): string =>
  `chatwoot:${ctx.integrationId}:${account ?? '_'}:${conversationId}`;

/** Flat keys, so a later event that knows less (a message's contact has no email) keeps what an earlier one said. */
function contactMeta(contact: ChatwootContact): Record<string, unknown> {
  const entries = Object.entries({
    contactId: contact.id,
    contactName: contact.name,
    contactEmail: contact.email,
    contactPhone: contact.phone_number,
  });
  return Object.fromEntries(entries.filter(([, value]) => typeof value === 'string' && value !== ''));
}

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export const chatwootAdapter: Adapter = { platform: 'chatwoot', translate };
