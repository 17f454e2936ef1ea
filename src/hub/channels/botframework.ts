import { randomUUID } from 'node:crypto';
import { signWebhook } from '../auth/webhook-signature';
import { activityFor, typingActivity, type BotFrameworkActivity } from './botframework-activity';
import type { ChannelConnector, DeliveryContext, DeliveryOutcome } from './connector';
import { networkFailure, outcomeOfResponse } from './http-outcome';

const TIMEOUT_MS = 10_000;

/**
 * The relaying bot's side of a Bot Framework conversation: each item goes to the bot's endpoint
 * (the integration's callback URL) as a Bot Framework activity (botframework-activity.ts), signed
 * with Standard Webhooks like every callback, `webhook-id` the item's stable id. The bot sends an
 * agent's message to the user with its adapter's `continueConversation` and runs a handoff.status
 * through its own turn pipeline, as Microsoft's handoff samples do.
 */
export const botframeworkConnector: ChannelConnector = {
  platform: 'botframework',
  async deliver(id, item, context): Promise<DeliveryOutcome> {
    if (!context.callbackUrl) return { ok: false, error: "The integration has no callback URL: set the bot's Warmline endpoint.", retry: false };
    const conversationId = context.conversation.sourceConversationId;
    if (!conversationId) return { ok: false, error: 'The handoff named no Bot Framework conversation.', retry: false };
    try {
      return await outcomeOfResponse(await postActivity(context, id, activityFor(id, item, conversationId)), context.now);
    } catch (error) {
      return networkFailure(error);
    }
  },
  /** A `typing` activity (ActivityTypes.Typing) the bot shows the user; channels clear it themselves, so there is no "off". */
  async typing(isTyping, context): Promise<void> {
    const conversationId = context.conversation.sourceConversationId;
    if (!isTyping || !context.callbackUrl || !conversationId) return;
    const id = `typing-${randomUUID()}`;
    const response = await postActivity(context, id, typingActivity(id, conversationId, context.now));
    await response.body?.cancel();
  },
};

/** POSTs an activity to the bot's Warmline endpoint, signed like every callback. */
function postActivity(context: DeliveryContext, id: string, activity: BotFrameworkActivity): Promise<Response> {
  const body = JSON.stringify(activity);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Warmline-Hub/1',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(context.now.getTime() / 1000)),
  };
  const secret = context.integration.signingSecret;
  if (secret) headers['webhook-signature'] = signWebhook(secret, id, context.now, body);
  return fetch(context.callbackUrl!, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
}
