import { z } from 'zod';

/**
 * The Bot Framework activity as the hub reads it. Shapes come from the SDK itself:
 * - microsoft/botbuilder-js `libraries/botframework-schema/src/index.ts` (Activity, ChannelAccount,
 *   ConversationReference, Attachment);
 * - microsoft/botbuilder-js `libraries/botbuilder/src/eventFactory.ts` (`createHandoffInitiation`:
 *   `from` is the user of the turn, `relatesTo` is `TurnContext.getConversationReference` of the
 *   user's activity, so `relatesTo.user`, `relatesTo.bot` and `relatesTo.locale` are the customer,
 *   the bot and the customer's locale; `replyToId` is the user's activity; `id` and `timestamp` are
 *   new on every call; the transcript is the attachment named "Transcript");
 * - microsoft/PowerVirtualAgentsSamples `ConnectToEngagementHub/activities.json` (the Direct Line
 *   `GET activities` answer with Power Virtual Agents' `va_*` value keys).
 * The platform's own objects let unknown keys through; what is read is typed.
 */

export const channelAccount = z.looseObject({ id: z.string().optional(), name: z.string().optional(), role: z.string().optional() });
export const attachment = z.looseObject({
  contentType: z.string().optional(),
  contentUrl: z.string().optional(),
  name: z.string().optional(),
  content: z.unknown().optional(),
});
export const transcriptActivity = z.looseObject({
  type: z.string().optional(),
  id: z.string().optional(),
  timestamp: z.string().optional(),
  channelId: z.string().optional(),
  from: channelAccount.optional(),
  text: z.string().nullish(),
  locale: z.string().optional(),
  attachments: z.array(attachment).optional(),
});
export const transcriptContent = z.looseObject({ activities: z.array(transcriptActivity) });
export const conversationReference = z.looseObject({
  activityId: z.string().optional(),
  user: channelAccount.optional(),
  bot: channelAccount.optional(),
  conversation: z.looseObject({ id: z.string().optional() }).optional(),
  channelId: z.string().optional(),
  locale: z.string().optional(),
});
export const handoffActivity = z.looseObject({
  type: z.literal('event'),
  name: z.literal('handoff.initiate'),
  id: z.string().optional(),
  timestamp: z.string().optional(),
  channelId: z.string().optional(),
  locale: z.string().optional(),
  replyToId: z.string().optional(),
  from: channelAccount.optional(),
  conversation: z.looseObject({ id: z.string().min(1) }).optional(),
  attachments: z.array(attachment).optional(),
  value: z.unknown().optional(),
  relatesTo: conversationReference.optional(),
});
/** A user's activity the bot relays after the handoff (the handoff samples' middleware pattern). */
export const relayedActivity = z.looseObject({
  type: z.string(),
  id: z.string().min(1).max(200),
  timestamp: z.string().optional(),
  from: channelAccount.optional(),
  recipient: channelAccount.optional(),
  conversation: z.looseObject({ id: z.string().min(1) }),
  text: z.string().nullish(),
  attachments: z.array(attachment).optional(),
  membersRemoved: z.array(channelAccount).optional(),
});
/** The `va_*` keys Power Virtual Agents documents for its handoff context. */
export const pvaValue = z.looseObject({
  va_LastTopic: z.string().optional(),
  va_Topics: z.array(z.string()).optional(),
  va_LastPhrase: z.string().optional(),
  va_Phrases: z.array(z.string()).optional(),
  va_ConversationId: z.string().optional(),
  va_AgentMessage: z.string().optional(),
  va_BotName: z.string().optional(),
  va_Language: z.string().optional(),
});

export type TranscriptActivity = z.infer<typeof transcriptActivity>;
export type ChannelAccount = z.infer<typeof channelAccount>;
export type Attachment = z.infer<typeof attachment>;

/** The user is whoever the channel marks as `user`, or the account the conversation reference names. */
export const isUser = (account: ChannelAccount | undefined, userId: string | undefined): boolean =>
  account?.role === 'user' || (account?.role === undefined && userId !== undefined && account?.id === userId);
