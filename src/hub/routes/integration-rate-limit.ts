import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { integrationOfRequest } from '../auth/integration-token';
import type { HubContext } from '../context';
import { ServiceError } from '../services/conversations';

/** Requests one integration may make per window to one family of routes (handoffs, bot routes). */
export interface IntegrationRateLimit {
  max: number;
  timeWindowMs: number;
}

export const DEFAULT_INTEGRATION_RATE_LIMIT: IntegrationRateLimit = { max: 600, timeWindowMs: 60_000 };

/**
 * Limits every route of `scope` per integration: the key is the integration the bearer token
 * names, so one noisy bot cannot starve the others and a bot behind many addresses is still one
 * bot. Requests with no valid token are keyed by address (they are refused with 401 anyway, but
 * must not be free to hammer the token lookup). Runs before the body is parsed, so a refused
 * request costs no parsing; the 429 carries the ApiError body and Retry-After.
 */
export async function limitPerIntegration(scope: FastifyInstance, context: HubContext, limit: IntegrationRateLimit): Promise<void> {
  await scope.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    keyGenerator: (request) => {
      const integration = integrationOfRequest(context.accounts, request);
      return integration ? `integration:${integration.id}` : `address:${request.ip}`;
    },
    errorResponseBuilder: (_request, details) =>
      new ServiceError('rate_limited', `Too many requests from this integration (at most ${details.max} per window); retry in ${details.after}.`),
  });
}
