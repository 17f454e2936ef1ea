import { z } from 'zod';
import { parseWith } from '../../shared/validation';
import { ignored, invalid } from './finish';
import { clipShort, clipTurn, toIsoTime } from './normalize';
import { isRecord } from './shape';
import type { AdapterContext, AdapterOutcome } from './types';

/**
 * After the handoff, the integrator's Rasa channel connector forwards the customer's messages in
 * the body Rasa's own REST channel takes (RasaHQ/rasa `rasa/core/channels/rest.py`: `sender`,
 * `message`, `input_channel`, `metadata`), plus the `message_id` of the `UserMessage` it built
 * (`rasa/core/channels/channel.py`), which makes a retry store once. `sender` is the tracker's
 * `sender_id`, the conversation the handoff named.
 */

const channelMessage = z.looseObject({
  sender: z.string().min(1).max(200),
  message: z.string().nullish(),
  message_id: z.string().min(1).max(200),
  timestamp: z.union([z.number(), z.string()]).optional(),
  input_channel: z.string().nullish(),
  metadata: z.unknown().optional(),
});

export const isChannelMessage = (payload: unknown): boolean =>
  isRecord(payload) && 'sender' in payload && !('tracker' in payload) && !('next_action' in payload) && !('sender_id' in payload);

export function fromChannelMessage(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  const parsed = parseWith(channelMessage, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const { sender, message, message_id: messageId, timestamp } = parsed.value;
  if (!message?.trim()) return ignored('a channel message without text');
  return {
    kind: 'customer-message',
    sourceConversationId: clipShort(sender),
    message: { sourceMessageId: messageId, at: toIsoTime(timestamp, ctx.now().toISOString()), text: clipTurn(message) },
  };
}
