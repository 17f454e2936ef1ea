import { sendCallback } from '../callbacks/http-sender';
import type { ChannelConnector, ChannelPlatform, DeliveryOutcome } from './connector';

/**
 * The hub's own contract: each item is the BotCallback JSON, POSTed to the integration's callback
 * URL and signed with Standard Webhooks (`webhook-id` is the item's stable id, so a receiver drops
 * repeats). Dialogflow CX and Rasa continue their conversations through it.
 */
export function genericConnector(platform: ChannelPlatform): ChannelConnector {
  return {
    platform,
    async deliver(id, item, context): Promise<DeliveryOutcome> {
      if (!context.callbackUrl) return { ok: false, error: 'The integration has no callback URL: set one for its channel.', retry: false };
      return sendCallback({ url: context.callbackUrl, signingSecret: context.integration.signingSecret }, id, item, context.now);
    },
  };
}
