import { z } from 'zod';
import { ATTACHMENT_LIMITS } from '../../shared/envelope';
import { parseWith } from '../../shared/validation';
import { ignored, invalid } from './finish';
import { boundedId, clipShort, clipTurn, contentHash } from './normalize';
import type { AdapterContext, AdapterOutcome, InboundAttachment, InboundSender } from './types';

/**
 * `botSendsMessage` from botpress/growth integrations/hitl-api: `BotSendsMessagePayload` in
 * src/types.ts, sent by `sendRawPayload` in src/index.ts for every message of the HITL channel:
 * `remoteConversationId` is the id this hub answered createRemoteConversation with,
 * `remoteUserId` the id it answered createRemoteUser with (or `BOT` for the bot's own messages),
 * `payload` the Botpress message payload (`messages.defaults` of @botpress/sdk: `{ text }`,
 * `{ imageUrl }`, `{ fileUrl, title }`, … plus the Botpress `userId`).
 */
export const botMessageSchema = z.looseObject({
  type: z.literal('botSendsMessage'),
  remoteConversationId: z.string().min(1).max(200),
  remoteUserId: z.string().min(1).max(200),
  payload: z.record(z.string(), z.unknown()),
});

/** The remote user id hitl-api sends for messages the bot itself sent. */
export const BOT_USER = 'BOT';
/**
 * Botpress gives a message no id, so a repeat is known by its content within this window: the same
 * request replayed is stored once, while a customer saying "ok" twice a minute apart is two messages.
 */
const REPEAT_WINDOW_MS = 10_000;
const FILE_KEYS = ['imageUrl', 'audioUrl', 'videoUrl', 'fileUrl'] as const;

export async function botSendsMessage(payload: unknown, ctx: AdapterContext): Promise<AdapterOutcome> {
  const parsed = parseWith(botMessageSchema, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const { remoteConversationId, remoteUserId, payload: body } = parsed.value;
  if (remoteUserId === BOT_USER) return ignored('the bot’s own message while a human has the conversation is not the customer’s');
  const { text, attachments } = contentOf(body);
  if (!text && attachments.length === 0) return ignored('the message has neither text nor a file');
  const now = ctx.now();
  const window = Math.floor(now.getTime() / REPEAT_WINDOW_MS);
  return {
    kind: 'customer-message',
    sourceConversationId: clipShort(remoteConversationId),
    message: {
      sourceMessageId: `bp-${contentHash({ remoteConversationId, remoteUserId, text, attachments, window })}`,
      at: now.toISOString(),
      text: clipTurn(text),
      ...(attachments.length ? { attachments } : {}),
      ...(await senderOf(remoteUserId, ctx)),
    },
  };
}

/**
 * The remote user createRemoteUser told us about (`{ name, email, pictureUrl }`): hitl-api's ticket
 * names nobody, so this first message of theirs is where the conversation learns who the customer is.
 */
async function senderOf(remoteUserId: string, ctx: AdapterContext): Promise<{ sender?: InboundSender }> {
  const { meta } = await ctx.pending.read(botpressUserKey(ctx, remoteUserId));
  const text = (key: string) => (typeof meta[key] === 'string' && meta[key].trim() ? clipShort(meta[key].trim()) : undefined);
  const name = text('name');
  const email = text('email');
  if (!name && !email) return {};
  return { sender: { id: boundedId(remoteUserId), ...(name ? { name } : {}), ...(email ? { email } : {}) } };
}

export const botpressUserKey = (ctx: AdapterContext, id: string): string => `botpress:${ctx.integrationId}:user:${id}`;

/** Words and files of a Botpress message payload; cards, choices and blocs keep their words. */
function contentOf(body: Record<string, unknown>): { text: string; attachments: InboundAttachment[] } {
  const words = ['text', 'markdown', 'title', 'address']
    .map((key) => body[key])
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  const attachments: InboundAttachment[] = [];
  for (const key of FILE_KEYS) {
    const url = body[key];
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url) || url.length > ATTACHMENT_LIMITS.maxUrl) continue;
    const title = typeof body.title === 'string' && body.title.trim() ? body.title.trim().slice(0, ATTACHMENT_LIMITS.maxName) : undefined;
    attachments.push({ url, ...(title ? { name: title } : {}) });
  }
  const text = attachments.length ? words.filter((word) => word !== body.title) : words;
  return { text: text.join('\n'), attachments };
}
