import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Attachments } from './attachments';
import { bearerToken } from './auth/access';
import { integrationOfRequest } from './auth/integration-token';
import { checkSignature } from './auth/webhook-signature';
import type { Account, AccountRepository, Integration } from './store/accounts';
import type { ConversationRepository } from './store/conversations';
import type { EventLog } from './store/events';
import type { FloorCounters } from './store/floor-counters';
import type { ConversationService } from './services/conversations';
import type { Presence } from './services/presence';
import type { SupervisionService } from './services/supervision';
import type { WebhookReceiptRepository } from './store/webhook-receipts';
import { sendError } from './routes/errors';

/** What routes and streams share: built once per hub by `build()`. */
export interface HubContext {
  accounts: AccountRepository;
  conversations: ConversationRepository;
  events: EventLog;
  service: ConversationService;
  /** Supervisor step-ins; the messages route lets a barged-in supervisor write through it. */
  supervision: SupervisionService;
  presence: Presence;
  webhookReceipts: WebhookReceiptRepository;
  /** Files customers and agents send: kept, fetched, served, linked. */
  attachments: Attachments;
  now(): Date;
  sessionTtlMs: number;
  /** Counts that hold for the whole floor (sign-in lockout, sign-in and chat limits), kept in the store. */
  counters: FloorCounters;
}

/** Resolves the signed-in user or answers 401; routes return early on null. */
export async function requireUser(context: HubContext, request: FastifyRequest, reply: FastifyReply): Promise<Account | null> {
  const token = bearerToken(request.headers.authorization);
  const user = token ? await context.accounts.userForSession(token, context.now()) : null;
  if (!user) void sendError(reply, 'unauthorized', 'Sign in first: send Authorization: Bearer <session token>.');
  return user;
}

/** The raw body, kept by the JSON parser, because a signature covers the bytes as sent. */
export type RequestWithRawBody = FastifyRequest & { rawBody?: string };

export type IntegrationAuth = { ok: true; integration: Integration } | { ok: false; message: string };

/**
 * A bot's request: its bearer token names the integration; an integration with a signing secret
 * must also sign (and a delivery seen before is a replay). Nothing is written unless it passes.
 */
export async function authenticateIntegration(context: HubContext, request: RequestWithRawBody): Promise<IntegrationAuth> {
  const integration = await integrationOfRequest(context.accounts, request);
  if (!integration) return { ok: false, message: 'Send Authorization: Bearer <integration token>.' };
  if (!integration.signingSecret) return { ok: true, integration };
  const check = checkSignature(integration.signingSecret, request.rawBody ?? '', request.headers);
  if (!check.ok) return check;
  if (!(await context.webhookReceipts.remember(integration.id, check.messageId, check.timestamp, context.now()))) {
    return { ok: false, message: 'This signed delivery was already received (replay refused).' };
  }
  return { ok: true, integration };
}

export async function requireIntegration(context: HubContext, request: FastifyRequest): Promise<Integration | null> {
  const auth = await authenticateIntegration(context, request);
  return auth.ok ? auth.integration : null;
}
