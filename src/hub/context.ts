import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from './auth/access';
import type { Account, AccountRepository, Integration } from './store/accounts';
import type { ConversationRepository } from './store/conversations';
import type { EventLog } from './store/events';
import type { ConversationService } from './services/conversations';
import type { Presence } from './services/presence';
import { sendError } from './routes/errors';

/** What routes and streams share: built once per hub by `build()`. */
export interface HubContext {
  accounts: AccountRepository;
  conversations: ConversationRepository;
  events: EventLog;
  service: ConversationService;
  presence: Presence;
  now(): Date;
  sessionTtlMs: number;
}

/** Resolves the signed-in user or answers 401; routes return early on null. */
export function requireUser(context: HubContext, request: FastifyRequest, reply: FastifyReply): Account | null {
  const token = bearerToken(request.headers.authorization);
  const user = token ? context.accounts.userForSession(token, context.now()) : null;
  if (!user) void sendError(reply, 401, 'unauthorized', 'Sign in first: send Authorization: Bearer <session token>.');
  return user;
}

export function requireIntegration(context: HubContext, request: FastifyRequest): Integration | null {
  const token = bearerToken(request.headers.authorization);
  return token ? context.accounts.integrationByToken(token) : null;
}
