import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Author, Turn } from '../../shared/envelope';
import { parseWith } from '../../shared/validation';
import { BOT_USER, botSendsMessage, botpressUserKey } from './botpress-messages';
import { customerHints } from './fields';
import { finish, ignored, invalid } from './finish';
import { boundedId, clipLong, clipShort, clipTurn, contentHash, customerName, describeValue, stableId, toIsoTime } from './normalize';
import { authorFrom, isRecord, optionalShort } from './shape';
import type { Adapter, AdapterContext, AdapterOutcome } from './types';

/**
 * Botpress HITL API (botpress/growth integrations/hitl-api): Warmline is the "external service".
 * Shapes from its src/types.ts and src/externalService.ts (the same as
 * docs/output/openapi-external-service.json): Botpress creates the remote user first (we answer
 * `{ id }`), then the remote conversation (`{ id }`). That payload is parsed by a zod object that
 * keeps only `title`, `description` and `messages`, so the HITL plugin's `userId` and
 * `messageHistory` never arrive: each ticket is its own conversation under an id made here, two
 * customers with the same title included, and the customer's words come after it through
 * `botSendsMessage` (botpress-messages.ts), whose remote user names the customer then. `closeRemoteTicket` carries only Botpress's own
 * conversation id (`botpressConversationId`); the route maps it to ours (botpress-ticket.ts).
 */

const message = z.looseObject({ text: z.string(), author: z.string().optional(), timestamp: z.string().optional() });
const createConversation = z.looseObject({
  type: z.literal('createRemoteConversation'),
  payload: z.looseObject({
    title: z.string().optional(),
    description: z.string().optional(),
    messages: z.array(message).max(100_000).optional(),
    // Not in the published API, which strips them; read when a newer integration sends them.
    userId: z.string().min(1).optional(),
    conversationId: z.string().min(1).optional(),
  }),
});
const createUser = z.looseObject({ type: z.literal('createRemoteUser'), payload: z.record(z.string(), z.unknown()) });
const closeTicket = z.looseObject({
  type: z.literal('closeRemoteTicket'),
  payload: z.looseObject({ botpressConversationId: z.string().min(1).max(200) }),
});
const MAX_AUTHOR_LOOKUPS = 20;

async function translate(payload: unknown, ctx: AdapterContext): Promise<AdapterOutcome> {
  const type = isRecord(payload) ? payload.type : undefined;
  switch (type) {
    case 'createRemoteConversation':
      return onConversation(payload, ctx);
    case 'createRemoteUser':
      return onUser(payload, ctx);
    case 'botSendsMessage':
      return botSendsMessage(payload, ctx);
    case 'closeRemoteTicket':
      return onCloseTicket(payload);
    case 'ping':
      return ignored('ping');
    case undefined:
      return invalid([{ path: 'type', message: 'expected a Botpress HITL request type' }]);
    default:
      return ignored(`Botpress request ${describeValue(type)} does not concern a handoff`);
  }
}

async function onUser(payload: unknown, ctx: AdapterContext): Promise<AdapterOutcome> {
  const parsed = parseWith(createUser, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const user = parsed.value.payload;
  const hints = customerHints(user);
  // The same email is the same person; otherwise every creation is a new user, even if two
  // anonymous users arrive in the same millisecond.
  const id = `bpu-${hints.email ? contentHash({ email: hints.email.toLowerCase() }) : randomUUID()}`;
  await ctx.pending.remember(botpressUserKey(ctx, id), Object.fromEntries(Object.entries(hints).filter(([, value]) => value !== undefined)));
  return { kind: 'recorded', detail: `remote user ${id} created`, reply: { id } };
}

async function onConversation(payload: unknown, ctx: AdapterContext): Promise<AdapterOutcome> {
  const parsed = parseWith(createConversation, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const { title, description, messages = [], userId, conversationId: given } = parsed.value.payload;
  const conversationId = given ?? `bpc-${randomUUID()}`;
  const users = await knownUsers(messages, userId, ctx);
  const fallbackTime = ctx.now().toISOString();
  let lastTime = fallbackTime;
  const transcript: Turn[] = messages.map((m, index) => {
    lastTime = toIsoTime(m.timestamp, lastTime);
    const user = m.author ? users.get(m.author) : undefined;
    return {
      id: `m${index}`,
      at: lastTime,
      author: authorOf(m.author, user !== undefined),
      text: clipTurn(m.text),
      name: optionalShort(user?.name),
    };
  });
  const customerId = userId ?? [...users.keys()][0];
  const customer = customerId ? users.get(customerId) : undefined;
  return finish({
    v: 1,
    id: stableId('botpress', conversationId),
    source: { platform: 'botpress', conversationId: clipShort(conversationId) },
    customer: {
      id: customerId ? boundedId(customerId) : undefined,
      name: customerName(customer?.name, customerId ?? conversationId),
      email: optionalShort(customer?.email),
      phone: optionalShort(customer?.phone),
    },
    issue: { title: optionalShort(title) },
    summary: description?.trim() ? { text: clipLong(description.trim()), source: 'bot' } : undefined,
    transcript,
  });
}

/** Botpress closed the ticket (the HITL session ended), named by Botpress's own conversation id. */
function onCloseTicket(payload: unknown): AdapterOutcome {
  const parsed = parseWith(closeTicket, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  return { kind: 'customer-left', sourceConversationId: clipShort(parsed.value.payload.botpressConversationId), detail: 'Botpress closed the ticket' };
}

interface KnownUser {
  name?: string;
  email?: string;
  phone?: string;
}

/** The users created earlier that this conversation's messages (or its `userId`) name. */
async function knownUsers(messages: { author?: string }[], userId: string | undefined, ctx: AdapterContext): Promise<Map<string, KnownUser>> {
  const candidates = [...new Set([userId, ...messages.map((m) => m.author)])]
    .filter((id): id is string => typeof id === 'string' && id.startsWith('bpu-'))
    .slice(0, MAX_AUTHOR_LOOKUPS);
  const users = new Map<string, KnownUser>();
  for (const id of candidates) {
    const { meta } = await ctx.pending.read(botpressUserKey(ctx, id));
    if (Object.keys(meta).length === 0) continue;
    const text = (key: string) => (typeof meta[key] === 'string' ? meta[key] : undefined);
    users.set(id, { name: text('name'), email: text('email'), phone: text('phone') });
  }
  return users;
}

/** Botpress says BOT for the bot; any other author is the remote user, i.e. the customer. */
function authorOf(author: string | undefined, isKnownUser: boolean): Author {
  if (isKnownUser || !author) return 'customer';
  if (author === BOT_USER) return 'bot';
  return authorFrom(author) ?? 'customer';
}

export const botpressAdapter: Adapter = { platform: 'botpress', translate };
