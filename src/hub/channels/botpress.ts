import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isInlineImageType } from '../../shared/envelope';
import type { BotCallback } from '../../shared/protocol';
import { channelUrlSchema, readChannelSettings } from './channel-url';
import type { ChannelConnector, DeliveryOutcome } from './connector';
import { networkFailure, outcomeOfResponse } from './http-outcome';

/**
 * Botpress's side of a HITL conversation: the three routes botpress/growth integrations/hitl-api
 * exposes on the integration's webhook URL (src/handler.ts; bodies `AgentAssignedPayload`,
 * `AgentMessagePayload`, `StopHitlPayload` of src/types.ts, as in
 * docs/output/openapi-botpress-webhook.json):
 * - `POST {webhookUrl}/agent-assigned` `{ remoteConversationId, remoteUserId }` when an agent accepts
 *   (the plugin's `hitlAssigned` event);
 * - `POST {webhookUrl}/message-from-agent` `{ remoteConversationId, remoteUserId, messageType, payload }`
 *   for each agent's or barging supervisor's message (`messageType: 'text'`, `payload: { text }`,
 *   as `client.createMessage` takes them);
 * - `POST {webhookUrl}/stop-hitl` `{ remoteConversationId }` when the conversation is resolved or the
 *   handoff failed, so the bot takes the customer back (`hitlStopped`).
 * `remoteUserId` names the Botpress user the integration gets or creates by that external id: one
 * per Warmline agent, never the customer's, so the agent's words never show as the customer's.
 */

const TIMEOUT_MS = 10_000;

export const botpressSettingsSchema = z
  .strictObject({
    /** The integration's webhook URL Botpress shows once hitl-api is installed (https://webhook.botpress.cloud/…). */
    webhookUrl: channelUrlSchema,
    /** A personal access token and the bot's id: with them a ticket Botpress closes ends here (adapters/botpress-ticket.ts). */
    apiToken: z.string().min(1).max(4000).optional(),
    botId: z.string().min(1).max(200).optional(),
    /** The Botpress API's base URL, https://api.botpress.cloud unless told otherwise. */
    apiUrl: channelUrlSchema.optional(),
  })
  .refine((settings) => (settings.apiToken === undefined) === (settings.botId === undefined), {
    message: 'apiToken and botId go together',
    path: ['botId'],
  });
export type BotpressSettings = z.infer<typeof botpressSettingsSchema>;

/** The remote user id an agent (or supervisor) writes as: stable per person, distinct from every customer's `bpu-` id. */
export const botpressAgentUserId = (role: 'agent' | 'supervisor', name: string): string =>
  `warmline-${role}-${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;

export const botpressConnector: ChannelConnector = {
  platform: 'botpress',
  async deliver(_id, item, context): Promise<DeliveryOutcome> {
    const settings = readChannelSettings(botpressSettingsSchema, context.settings, 'Botpress');
    if (!settings.ok) return settings;
    const remoteConversationId = context.conversation.sourceConversationId;
    if (!remoteConversationId) return { ok: false, error: 'The handoff named no Botpress ticket.', retry: false };
    const request = requestFor(item, remoteConversationId);
    if (!request) return { ok: true };
    const url = `${settings.value.webhookUrl.replace(/\/+$/, '')}/${request.path}`;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Warmline-Hub/1' },
        body: JSON.stringify(request.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const outcome = await outcomeOfResponse(response, context.now);
      return outcome.ok ? outcome : { ...outcome, error: `Botpress refused: ${outcome.error}` };
    } catch (error) {
      return networkFailure(error);
    }
  },
};

function requestFor(item: BotCallback, remoteConversationId: string): { path: string; body: Record<string, unknown> } | null {
  switch (item.type) {
    case 'accepted':
      return { path: 'agent-assigned', body: { remoteConversationId, remoteUserId: botpressAgentUserId('agent', item.agentName) } };
    case 'message':
      return {
        path: 'message-from-agent',
        body: { remoteConversationId, remoteUserId: botpressAgentUserId(item.author, item.authorName), ...agentMessage(item) },
      };
    case 'completed':
    case 'failed':
      return { path: 'stop-hitl', body: { remoteConversationId } };
    case 'waiting':
    case 'transferred':
      // HITL has no words for these: the ticket stays open until an agent is assigned or it stops.
      return null;
  }
}

/**
 * One Botpress message per item, so a retry never repeats part of it: a lone file is an `image` or
 * `file` message (`{ imageUrl }`, `{ fileUrl, title }` of @botpress/sdk's messages.defaults); text,
 * or text with files, is a `text` message with the files linked under it.
 */
function agentMessage(item: Extract<BotCallback, { type: 'message' }>): { messageType: string; payload: Record<string, unknown> } {
  const files = item.attachments ?? [];
  const [only] = files;
  if (!item.text.trim() && files.length === 1 && only) {
    return isInlineImageType(only.contentType) ? { messageType: 'image', payload: { imageUrl: only.url } } : { messageType: 'file', payload: { fileUrl: only.url, title: only.name } };
  }
  const links = files.map((file) => `${file.name}: ${file.url}`);
  return { messageType: 'text', payload: { text: [item.text, ...links].filter(Boolean).join('\n') } };
}
