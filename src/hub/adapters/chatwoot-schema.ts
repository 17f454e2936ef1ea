import { z } from 'zod';

/**
 * Chatwoot webhook shapes, from chatwoot/chatwoot: `Message#webhook_data` (app/models/message.rb),
 * `Conversations::EventDataPresenter#push_data` (app/presenters/conversations/event_data_presenter.rb,
 * whose `id` is the conversation's display id), `Attachment#push_event_data` (app/models/attachment.rb)
 * and the events of app/listeners/webhook_listener.rb, whose `changed_attributes` are
 * `[{ attr: { previous_value, current_value } }]` (app/listeners/base_listener.rb). The docs and the
 * code disagree on types (the docs sample sends ids as strings and `message_type: "incoming"`;
 * conversation payloads nest messages with numeric ids and `message_type: 0`), so both are read.
 * Unknown keys are Chatwoot's and pass through.
 */

export const chatwootId = z.union([z.string().min(1).max(200), z.number().int().nonnegative()]).transform(String);
const text = z.string().nullish();
const record = z.record(z.string(), z.unknown());

export const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;

export const contactSchema = z.looseObject({
  id: chatwootId.optional(),
  name: text,
  email: text,
  phone_number: text,
  identifier: text,
  type: z.string().optional(),
  custom_attributes: record.nullish(),
});

export const messageSchema = z.looseObject({
  id: chatwootId,
  content: text,
  /** Chatwoot's enum, by name or by its integer (0 incoming, 1 outgoing, 2 activity, 3 template). */
  message_type: z.union([z.enum(MESSAGE_TYPES), z.number().int().min(0).max(3)]),
  created_at: z.union([z.string(), z.number()]).nullish(),
  private: z.boolean().nullish(),
  sender: contactSchema.nullish(),
  sender_type: text,
  account_id: chatwootId.nullish(),
  conversation_id: chatwootId.nullish(),
  attachments: z
    .array(
      z.looseObject({
        file_type: z.string().nullish(),
        data_url: z.string().max(4096).nullish(),
        extension: z.string().max(100).nullish(),
        file_size: z.number().int().nonnegative().nullish(),
      }),
    )
    .max(100)
    .nullish(),
});

export const conversationSchema = z.looseObject({
  id: chatwootId.optional(),
  display_id: chatwootId.optional(),
  account_id: chatwootId.nullish(),
  status: z.string().optional(),
  channel: z.string().nullish(),
  labels: z.array(z.string()).nullish(),
  messages: z.array(messageSchema).nullish(),
  meta: z.looseObject({ sender: contactSchema.nullish() }).nullish(),
  custom_attributes: record.nullish(),
});

const account = z.looseObject({ id: chatwootId });

export const messageEventSchema = messageSchema.extend({
  event: z.literal('message_created'),
  account: account.nullish(),
  conversation: conversationSchema.nullish(),
  contact: contactSchema.nullish(),
});

export const conversationEventSchema = conversationSchema.extend({
  event: z.enum(['conversation_created', 'conversation_status_changed', 'conversation_updated']),
  account: account.nullish(),
  changed_attributes: z.array(record).nullish(),
});

export type ChatwootMessage = z.infer<typeof messageSchema>;
export type ChatwootMessageEvent = z.infer<typeof messageEventSchema>;
export type ChatwootAttachment = NonNullable<ChatwootMessage['attachments']>[number];
export type ChatwootContact = z.infer<typeof contactSchema>;
export type ChatwootConversation = z.infer<typeof conversationSchema>;
export type ChatwootConversationEvent = z.infer<typeof conversationEventSchema>;
