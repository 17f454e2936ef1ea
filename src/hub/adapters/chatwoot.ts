import { parseWith } from '../../shared/validation';
import { conversationEventSchema, messageEventSchema, type ChatwootConversationEvent, type ChatwootMessageEvent } from './chatwoot-schema';
import { chatwootHandoff, contactMeta, pendingKey } from './chatwoot-handoff';
import { attachmentsOf, messageTypeOf, nestedTurns, toTurn } from './chatwoot-turns';
import { ignored, invalid } from './finish';
import { clipShort, clipTurn, toIsoTime } from './normalize';
import { isRecord } from './shape';
import type { Adapter, AdapterContext, AdapterOutcome } from './types';

/**
 * Chatwoot tells a conversation in separate webhooks (chatwoot/chatwoot app/listeners/webhook_listener.rb):
 * `message_created` for each message (kept as a pending transcript while the conversation is
 * `pending`, i.e. with the bot), `conversation_created` with the contact, and the handoff itself:
 * `conversation_status_changed` to `open`, or a `conversation_updated` whose `changed_attributes`
 * say status pending → open (Chatwoot sometimes sends only that one). Once a human has the
 * conversation, the contact's incoming, non-private messages are the customer's messages to the
 * agent; outgoing ones (the agent's replies the hub posted, Chatwoot users' messages) never are.
 * One integration is one Chatwoot account (its channel settings name it), and conversation
 * payloads carry no account (push_data has none), so conversations are known by the integration and
 * their display id: one integration can never add turns to another's conversation.
 */

async function translate(payload: unknown, ctx: AdapterContext): Promise<AdapterOutcome> {
  const event = isRecord(payload) ? payload.event : undefined;
  switch (event) {
    case 'message_created':
      return onMessage(payload, ctx);
    case 'conversation_created':
    case 'conversation_status_changed':
    case 'conversation_updated':
      return onConversation(payload, ctx);
  }
  if (typeof event === 'string') return ignored(`Chatwoot event ${clipShort(event)} does not concern a handoff`);
  return invalid([{ path: 'event', message: 'expected the name of a Chatwoot webhook event' }]);
}

async function onMessage(payload: unknown, ctx: AdapterContext): Promise<AdapterOutcome> {
  const parsed = parseWith(messageEventSchema, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const message = parsed.value;
  const conversationId = message.conversation?.display_id ?? message.conversation?.id ?? message.conversation_id;
  if (!conversationId) return invalid([{ path: 'conversation.id', message: 'the message names no conversation' }]);
  const status = message.conversation?.status;
  if (status && status !== 'pending') return afterHandoff(message, conversationId, ctx);
  const key = pendingKey(ctx, conversationId);
  const contact = message.contact ?? (message.sender?.type === 'contact' ? message.sender : undefined);
  if (contact) await ctx.pending.remember(key, contactMeta(contact));
  const turn = toTurn(message, ctx.now().toISOString(), contact?.name ?? undefined);
  if (!turn) return ignored('activity, private or empty messages are not part of the transcript');
  await ctx.pending.append(key, turn);
  return { kind: 'recorded', detail: `message ${turn.id} kept for conversation ${conversationId}` };
}

/** A message in a conversation a human has: only the contact's own words go to the agent. */
function afterHandoff(message: ChatwootMessageEvent, conversationId: string, ctx: AdapterContext): AdapterOutcome {
  const type = messageTypeOf(message);
  if (type !== 'incoming') return ignored(`an ${type} message is not the customer's`);
  if (message.private) return ignored('a private note is not the customer’s');
  const { files, words } = attachmentsOf(message);
  const text = [message.content ?? '', ...words].filter(Boolean).join(' ');
  if (!text && files.length === 0) return ignored('the message has neither text nor a file');
  return {
    kind: 'customer-message',
    sourceConversationId: clipShort(conversationId),
    message: {
      sourceMessageId: `cw-${message.id}`,
      at: toIsoTime(message.created_at, ctx.now().toISOString()),
      text: clipTurn(text),
      ...(files.length ? { attachments: files } : {}),
    },
  };
}

async function onConversation(payload: unknown, ctx: AdapterContext): Promise<AdapterOutcome> {
  const parsed = parseWith(conversationEventSchema, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const conversation = parsed.value;
  const conversationId = conversation.id ?? conversation.display_id;
  if (!conversationId) return invalid([{ path: 'id', message: 'the event names no conversation' }]);
  const key = pendingKey(ctx, conversationId);
  const contact = conversation.meta?.sender;
  if (conversation.event === 'conversation_created') {
    if (contact) await ctx.pending.remember(key, contactMeta(contact));
    for (const turn of nestedTurns(conversation, ctx.now().toISOString())) await ctx.pending.append(key, turn);
    return { kind: 'recorded', detail: `conversation ${conversationId} is being followed` };
  }
  const change = statusChange(conversation);
  const where = { key, conversationId, contact };
  if (conversation.event === 'conversation_updated') {
    if (change?.previous === 'pending' && change.current === 'open') return chatwootHandoff(conversation, where, ctx);
    return ignored('the update does not move the conversation from pending to open');
  }
  if (conversation.status === 'open') {
    if (change?.previous !== undefined && change.previous !== 'pending') return ignored(`conversation reopened from ${clipShort(change.previous)}; the bot did not hand it off`);
    return chatwootHandoff(conversation, where, ctx);
  }
  if (conversation.status === 'resolved' && change?.previous !== undefined && change.previous !== 'pending') {
    return { kind: 'customer-left', sourceConversationId: clipShort(conversationId), detail: 'the conversation was resolved in Chatwoot' };
  }
  return ignored(`conversation is now ${clipShort(conversation.status ?? 'of unknown status')}, not handed to a human`);
}

/** The status entry of `changed_attributes`: `[{ status: { previous_value, current_value } }]`. */
function statusChange(conversation: ChatwootConversationEvent): { previous?: string; current?: string } | undefined {
  for (const change of conversation.changed_attributes ?? []) {
    const status = change.status;
    if (!isRecord(status)) continue;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return { previous: text(status.previous_value), current: text(status.current_value) };
  }
  return undefined;
}

export const chatwootAdapter: Adapter = { platform: 'chatwoot', translate };
