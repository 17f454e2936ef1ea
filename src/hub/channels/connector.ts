import type { BotCallback } from '../../shared/protocol';
import type { Integration } from '../store/accounts';

/**
 * The platforms a conversation's channel can be. `generic` covers every bot that speaks the hub's
 * own contract (Dialogflow CX and Rasa continue through it); `web-chat` is the demo widget.
 */
export const CHANNEL_PLATFORMS = ['generic', 'web-chat', 'chatwoot', 'botpress', 'botframework', 'dialogflow-cx', 'rasa'] as const;
export type ChannelPlatform = (typeof CHANNEL_PLATFORMS)[number];

/** What one delivery needs to know about the conversation it belongs to. */
export interface ChannelConversation {
  id: string;
  envelopeId: string;
  /** The platform's own ids, as the handoff gave them (`source.conversationId`, `source.bot`, `extra`). */
  sourceConversationId: string | null;
  sourceBot: string | null;
  extra: Record<string, unknown>;
}

export interface DeliveryContext {
  integration: Integration;
  /** The integration's channel settings (API token, account, base URL…), already decrypted. */
  settings: Record<string, unknown>;
  /** The integration's callback URL, where the generic connector POSTs; null when none is set. */
  callbackUrl: string | null;
  conversation: ChannelConversation;
  now: Date;
}

/**
 * `retry: false` is a permanent refusal: the message is shown as failed with `error`, never retried.
 * `retryAfterMs`: the platform said when to come back (Retry-After); otherwise the outbox's backoff.
 */
export type DeliveryOutcome =
  | { ok: true; platformMessageId?: string }
  | { ok: false; error: string; retry: boolean; retryAfterMs?: number };

/**
 * One outgoing item (a status, an agent's or barging supervisor's message, a transfer, the end),
 * with a stable id the platform can drop repeats by. Delivered at least once, in order per
 * conversation; whispers never reach a connector.
 */
export interface ChannelConnector {
  platform: ChannelPlatform;
  deliver(id: string, item: BotCallback, context: DeliveryContext): Promise<DeliveryOutcome>;
  /** The agent started or stopped typing: shown where the platform can (channel-typing.ts), best effort. */
  typing?(isTyping: boolean, context: DeliveryContext): Promise<void>;
}
