import { parseWith } from '../../shared/validation';
import { relayedActivity, type Attachment } from './botframework-schema';
import { ignored, invalid } from './finish';
import { clipShort, clipTurn, toIsoTime } from './normalize';
import type { AdapterContext, AdapterOutcome, InboundAttachment } from './types';

/**
 * After the handoff, the bot relays the user's activities to the hub unchanged, as the handoff
 * middleware of microsoft/BotBuilder-Samples `experimental/handoff-library/csharp_dotnetcore/
 * samples/LPProxyBot/LiverPersonConnector/HandoffMiddleware.cs` forwards each `message` of an
 * escalated conversation to the agent hub instead of the bot. The conversation is known by
 * `conversation.id`, which the handoff carried; the activity's own `id` makes a retry store once.
 * `endOfConversation` and a `conversationUpdate` removing the user are the user leaving
 * (botframework-schema `ActivityTypes`, `membersRemoved`).
 */

export const RELAYED_TYPES = new Set(['message', 'endOfConversation', 'conversationUpdate']);

export function fromRelayedActivity(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  const parsed = parseWith(relayedActivity, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const activity = parsed.value;
  const sourceConversationId = clipShort(activity.conversation.id);
  if (activity.type === 'endOfConversation') return { kind: 'customer-left', sourceConversationId, detail: 'the user ended the conversation' };
  if (activity.type === 'conversationUpdate') {
    const botId = activity.recipient?.id;
    const userLeft = activity.membersRemoved?.some((member) => member.role !== 'bot' && member.id !== botId);
    return userLeft ? { kind: 'customer-left', sourceConversationId, detail: 'the user left the conversation' } : ignored('a conversation update that removes no user');
  }
  if (activity.from?.role === 'bot') return ignored("the bot's own message is not the customer's");
  const attachments = (activity.attachments ?? []).flatMap(toInbound);
  const text = activity.text?.trim() ? clipTurn(activity.text) : '';
  if (!text && attachments.length === 0) return ignored('a message with neither text nor a file');
  return {
    kind: 'customer-message',
    sourceConversationId,
    message: {
      sourceMessageId: activity.id,
      at: toIsoTime(activity.timestamp, ctx.now().toISOString()),
      text,
      ...(attachments.length ? { attachments } : {}),
    },
  };
}

/** Only files the channel hosts at an http(s) URL; inline cards have nothing to fetch. */
function toInbound(item: Attachment): InboundAttachment[] {
  if (!item.contentUrl || !/^https?:\/\//i.test(item.contentUrl)) return [];
  return [{ url: item.contentUrl, ...(item.name ? { name: clipShort(item.name) } : {}), ...(item.contentType ? { contentType: clipShort(item.contentType) } : {}) }];
}
