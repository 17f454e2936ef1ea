import { z } from 'zod';
import { ATTACHMENT_LIMITS } from '../../shared/envelope';
import type { BotCallback } from '../../shared/protocol';
import { channelUrlSchema, readChannelSettings } from './channel-url';
import type { ChannelConnector, DeliveryContext, DeliveryOutcome } from './connector';
import { networkFailure, outcomeOfResponse } from './http-outcome';

/**
 * Chatwoot's side of a conversation after the handoff, through its REST API as chatwoot/chatwoot
 * ships it:
 * - an agent's reply: `POST /api/v1/accounts/{account_id}/conversations/{display_id}/messages` with
 *   `{ content, message_type: 'outgoing', private: false }` (Messages::MessageBuilder in
 *   app/builders/messages/message_builder.rb; the conversation is found by `display_id` in
 *   app/controllers/api/v1/accounts/conversations/base_controller.rb);
 * - resolve: `POST .../conversations/{display_id}/toggle_status` with `{ status: 'resolved' }`
 *   (ConversationsController#toggle_status);
 * - auth: the `api_access_token` header of an agent's or agent bot's access token; both endpoints are
 *   open to bot tokens (BOT_ACCESSIBLE_ENDPOINTS in app/controllers/concerns/access_token_auth_helper.rb).
 * Chatwoot answers 401 for a bad token, 404 for an unknown conversation and 422 with `{ error }`
 * when it cannot create the message (render_could_not_create_error): refusals for good.
 * - typing: `POST .../conversations/{display_id}/toggle_typing_status` with `{ typing_status: 'on' | 'off' }`
 *   (Conversations::TypingStatusManager); it is not among BOT_ACCESSIBLE_ENDPOINTS, so Chatwoot
 *   shows it only when the token is an agent's, not an agent bot's (a bot token gets 401, ignored).
 */

const TIMEOUT_MS = 10_000;
/** Chatwoot's refusals that no retry fixes; everything else (5xx, 429, timeouts) is retried. */
const PERMANENT = new Set([400, 401, 403, 404, 422]);


/** What an admin sets for a Chatwoot channel; the secrets verify Chatwoot's signed webhooks. */
export const chatwootSettingsSchema = z.strictObject({
  baseUrl: channelUrlSchema,
  accountId: z.union([z.string().regex(/^\d{1,18}$/), z.number().int().positive()]).transform(String),
  apiAccessToken: z.string().min(1).max(500),
  /** The secret Chatwoot shows for the account webhook and for the agent bot (Chatwoot signs with each). */
  webhookSecret: z.string().min(1).max(500).optional(),
  agentBotSecret: z.string().min(1).max(500).optional(),
});
export type ChatwootSettings = z.infer<typeof chatwootSettingsSchema>;

export const chatwootConnector: ChannelConnector = {
  platform: 'chatwoot',
  async deliver(_id, item, context): Promise<DeliveryOutcome> {
    const settings = readChannelSettings(chatwootSettingsSchema, context.settings, 'Chatwoot');
    if (!settings.ok) return settings;
    const conversation = context.conversation.sourceConversationId;
    if (!conversation) return { ok: false, error: 'The handoff named no Chatwoot conversation.', retry: false };
    const request = requestFor(item);
    if (!request) return { ok: true };
    const base = settings.value.baseUrl.replace(/\/+$/, '');
    const url = `${base}/api/v1/accounts/${encodeURIComponent(settings.value.accountId)}/conversations/${encodeURIComponent(conversation)}/${request.path}`;
    if (!request.message?.attachments?.length) return post(url, JSON.stringify(request.body), settings.value.apiAccessToken, context);
    const multipart = await multipartMessage(request.message);
    return multipart.ok ? post(url, multipart.form, settings.value.apiAccessToken, context) : multipart.outcome;
  },
  async typing(isTyping, context): Promise<void> {
    const settings = readChannelSettings(chatwootSettingsSchema, context.settings, 'Chatwoot');
    const conversation = context.conversation.sourceConversationId;
    if (!settings.ok || !conversation) return;
    const base = settings.value.baseUrl.replace(/\/+$/, '');
    const url = `${base}/api/v1/accounts/${encodeURIComponent(settings.value.accountId)}/conversations/${encodeURIComponent(conversation)}/toggle_typing_status`;
    await post(url, JSON.stringify({ typing_status: isTyping ? 'on' : 'off' }), settings.value.apiAccessToken, context);
  },
};

/** The Chatwoot request an outgoing item makes; null for items Chatwoot has no place for. */
function requestFor(item: BotCallback): { path: string; message?: MessageItem; body: Record<string, unknown> } | null {
  switch (item.type) {
    case 'message':
      return { path: 'messages', message: item, body: { content: item.text, message_type: 'outgoing', private: false } };
    case 'completed':
      return { path: 'toggle_status', body: { status: 'resolved' } };
    case 'accepted':
    case 'waiting':
    case 'transferred':
    case 'failed':
      // The conversation is already open in Chatwoot: its own agents see it; the customer needs no notice.
      return null;
  }
}

type MessageItem = Extract<BotCallback, { type: 'message' }>;

/**
 * An agent's files go as Chatwoot attachments: the same create call as multipart with `attachments[]`
 * (Messages::MessageBuilder#process_attachments), each read from the hub's signed link first.
 */
async function multipartMessage(item: MessageItem): Promise<{ ok: true; form: FormData } | { ok: false; outcome: DeliveryOutcome }> {
  const form = new FormData();
  form.append('content', item.text);
  form.append('message_type', 'outgoing');
  for (const file of item.attachments ?? []) {
    let response: Response;
    try {
      response = await fetch(file.url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      return { ok: false, outcome: networkFailure(error) };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, outcome: { ok: false, error: `The file ${file.name} could not be read from the hub (HTTP ${response.status}).`, retry: response.status >= 500 || response.status === 429 } };
    }
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength > ATTACHMENT_LIMITS.maxBytes) return { ok: false, outcome: { ok: false, error: `The file ${file.name} is larger than the hub sends.`, retry: false } };
    form.append('attachments[]', new Blob([bytes], { type: file.contentType }), file.name);
  }
  return { ok: true, form };
}

/** A JSON body is sent as such; a form sets its own multipart content type. */
async function post(url: string, body: string | FormData, token: string, context: DeliveryContext): Promise<DeliveryOutcome> {
  const type: Record<string, string> = typeof body === 'string' ? { 'content-type': 'application/json' } : {};
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { ...type, accept: 'application/json', api_access_token: token, 'user-agent': 'Warmline-Hub/1' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return networkFailure(error);
  }
  if (response.ok) return { ok: true, ...(await createdId(response)) };
  const outcome = await outcomeOfResponse(response, context.now);
  if (outcome.ok) return outcome;
  return { ...outcome, error: `Chatwoot refused: ${outcome.error}`, retry: !PERMANENT.has(response.status) };
}

/** The id of the message Chatwoot created (its JSON answer), so the agent's reply is traceable there. */
async function createdId(response: Response): Promise<{ platformMessageId?: string }> {
  try {
    const body = (await response.json()) as unknown;
    const id = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).id : undefined;
    return typeof id === 'number' || typeof id === 'string' ? { platformMessageId: String(id) } : {};
  } catch {
    return {};
  }
}
