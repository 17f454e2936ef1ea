import type { FastifyRequest } from 'fastify';
import type { AccountRepository, Integration } from '../store/accounts';
import { bearerToken } from './access';

// Per request object, so an answer lives exactly as long as its request; the raw token is never kept.
const answers = new WeakMap<FastifyRequest, Promise<Integration | null>>();

/**
 * The integration a bot request's bearer token names. The rate limiter keys on it before the body
 * is read and authentication needs it again after: the token is hashed and looked up once per
 * request, not once per asker (the lookup itself is shared, so two askers at once make one). Nothing
 * outlives the request, so a rotated or revoked token is refused from the next request on.
 */
export function integrationOfRequest(accounts: Pick<AccountRepository, 'integrationByToken'>, request: FastifyRequest): Promise<Integration | null> {
  const known = answers.get(request);
  if (known !== undefined) return known;
  const token = bearerToken(request.headers.authorization);
  const integration = token ? accounts.integrationByToken(token) : Promise.resolve(null);
  answers.set(request, integration);
  return integration;
}
