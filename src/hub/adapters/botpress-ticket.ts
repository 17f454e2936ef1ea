import { z } from 'zod';
import { channelUrlSchema } from '../channels/channel-url';
import { networkFailure, outcomeOfResponse } from '../channels/http-outcome';
import { parseWith } from '../../shared/validation';

/**
 * Which Warmline ticket a `closeRemoteTicket` ends. botpress/growth integrations/hitl-api
 * (src/index.ts) sends only `input.conversationId` of the HITL interface's stopHitl: the id of the
 * Botpress conversation of its `hitl` channel, which startHitl created with the tag
 * `externalId: <the id this hub answered createRemoteConversation with>`. hitl-api itself reads that
 * tag back with `client.getConversation` (as hitl-salesforce's stopHitl does in src/actions/hitl.ts);
 * from outside Botpress the same read is the Runtime API's `GET /v1/chat/conversations/{id}` with a
 * personal access token and the `x-bot-id` header, whose conversation carries the integration's
 * tags prefixed by its name (`<integration>:externalId`).
 */

export const BOTPRESS_API_URL = 'https://api.botpress.cloud';
const TIMEOUT_MS = 10_000;

/** The optional part of a Botpress channel's settings that lets the hub read Botpress's conversations. */
export const botpressApiSettingsSchema = z.looseObject({
  /** A Botpress personal access token (Botpress dashboard → Profile → Personal access tokens). */
  apiToken: z.string().min(1).max(4000),
  /** The bot's id, as in its dashboard URL after `chatbots/`. */
  botId: z.string().min(1).max(200),
  apiUrl: channelUrlSchema.optional(),
});

const conversationAnswer = z.looseObject({
  conversation: z.looseObject({ integration: z.string().optional(), tags: z.record(z.string(), z.unknown()) }),
});

export type TicketLookup =
  /** The Warmline ticket id (our `remoteConversationId`) the Botpress conversation is tagged with. */
  | { kind: 'found'; remoteConversationId: string }
  /** Botpress does not know the conversation, or it carries no hitl-api tag: nothing of ours to end. */
  | { kind: 'unknown'; detail: string }
  /** No API token and bot id in the settings: the id can only be taken as given. */
  | { kind: 'unconfigured' }
  /** Botpress could not be asked now (down, refused the token): hitl-api gets a 502 and its action fails visibly. */
  | { kind: 'unreachable'; error: string };

export async function botpressTicketOf(settings: Record<string, unknown>, botpressConversationId: string, now: Date): Promise<TicketLookup> {
  const api = parseWith(botpressApiSettingsSchema, settings);
  if (!api.ok) return { kind: 'unconfigured' };
  const { apiToken, botId, apiUrl = BOTPRESS_API_URL } = api.value;
  const url = `${apiUrl.replace(/\/+$/, '')}/v1/chat/conversations/${encodeURIComponent(botpressConversationId)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${apiToken}`, 'x-bot-id': botId, accept: 'application/json', 'user-agent': 'Warmline-Hub/1' },
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const failed = networkFailure(error);
    return { kind: 'unreachable', error: failed.ok ? 'no answer' : failed.error };
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return { kind: 'unknown', detail: 'Botpress knows no such conversation' };
  }
  if (!response.ok) {
    const outcome = await outcomeOfResponse(response, now);
    return { kind: 'unreachable', error: outcome.ok ? `HTTP ${response.status}` : outcome.error };
  }
  const parsed = conversationAnswer.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return { kind: 'unreachable', error: 'Botpress answered without a conversation' };
  const ticket = externalIdTag(parsed.data.conversation);
  return ticket ? { kind: 'found', remoteConversationId: ticket } : { kind: 'unknown', detail: 'the Botpress conversation is not a hitl-api ticket' };
}

/** `<integration>:externalId` of the conversation's own integration; else the one `…:externalId` tag it has. */
function externalIdTag(conversation: { integration?: string; tags: Record<string, unknown> }): string | null {
  const own = conversation.integration ? conversation.tags[`${conversation.integration}:externalId`] : undefined;
  if (typeof own === 'string' && own) return own;
  const candidates = Object.entries(conversation.tags).filter(([key, value]) => key.endsWith(':externalId') && typeof value === 'string' && value);
  const [only] = candidates;
  return candidates.length === 1 && only ? String(only[1]) : null;
}
