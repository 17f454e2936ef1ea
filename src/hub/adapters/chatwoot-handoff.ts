import type { ChatwootContact, ChatwootConversationEvent } from './chatwoot-schema';
import { nestedTurns } from './chatwoot-turns';
import { readHandoffContext } from './context';
import { fieldsFrom } from './fields';
import { byTime, finish } from './finish';
import { channelFrom, clipShort, customerName, stableId } from './normalize';
import { optionalShort } from './shape';
import type { AdapterContext, AdapterOutcome } from './types';

/**
 * The envelope of a Chatwoot conversation the bot hands to humans: the transcript kept from its
 * `message_created` webhooks plus what the status event carries, the contact from `meta.sender`
 * (`Contact#push_event_data`) or from an earlier event, context from the conversation's
 * `custom_attributes` and `labels` (Conversations::EventDataPresenter in chatwoot/chatwoot).
 */

export interface Where {
  key: string;
  conversationId: string;
  contact: ChatwootContact | null | undefined;
}

export async function chatwootHandoff(conversation: ChatwootConversationEvent, where: Where, ctx: AdapterContext): Promise<AdapterOutcome> {
  const pending = await ctx.pending.read(where.key);
  const known = new Set(pending.turns.map((turn) => turn.id));
  const nested = nestedTurns(conversation, ctx.now().toISOString()).filter((turn) => !known.has(turn.id));
  const transcript = byTime([...pending.turns, ...nested]);
  const remembered = pending.meta;
  const contact = where.contact;
  const contactId = contact?.id ?? stringOf(remembered.contactId);
  const context = readHandoffContext(conversation.custom_attributes ?? {});
  const contactFields = fieldsFrom(contact?.custom_attributes ?? {}).filter((f) => !context.fields.some((c) => c.key === f.key));
  const labels = conversation.labels?.filter((label) => label.trim()) ?? [];
  return finish(
    {
      v: 1,
      id: stableId('chatwoot', where.conversationId),
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

export const pendingKey = (ctx: AdapterContext, conversationId: string): string => `chatwoot:${ctx.integrationId}:${conversationId}`;

/** Flat keys, so a later event that knows less (a message's contact has no email) keeps what an earlier one said. */
export function contactMeta(contact: ChatwootContact): Record<string, unknown> {
  const entries = Object.entries({
    contactId: contact.id,
    contactName: contact.name,
    contactEmail: contact.email,
    contactPhone: contact.phone_number,
  });
  return Object.fromEntries(entries.filter(([, value]) => typeof value === 'string' && value !== ''));
}

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
