import type { Server } from 'node:http';
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { integrationOfRequest } from '../auth/integration-token';
import type { HubContext } from '../context';
import { ServiceError } from '../services/conversations';
import type { FloorCounters } from '../store/floor-counters';
import { floorRateLimitStore } from '../store/floor-rate-limit-store';

/** Requests one integration may make per window, across every route its token can reach. */
export interface IntegrationRateLimit {
  max: number;
  timeWindowMs: number;
}

export const DEFAULT_INTEGRATION_RATE_LIMIT: IntegrationRateLimit = { max: 600, timeWindowMs: 60_000 };

// One per hub: every scope of one Fastify app shares its http.Server.
const windowsOfHub = new WeakMap<Server, FastifyRateLimitStoreCtor>();

/** Counters for a scope with no hub store around it (one plugin on its own): this process only. */
function processCounters(now: () => number = Date.now): Pick<FloorCounters, 'hit'> {
  const windows = new Map<string, { start: number; hits: number; ends: number }>();
  return {
    async hit(key, windowMs) {
      const at = now();
      const start = at - (at % windowMs);
      let window = windows.get(key);
      if (!window || window.start !== start) {
        // Oldest windows first (insertion order): stop at the first still open.
        for (const [old, entry] of windows) {
          if (entry.ends > at) break;
          windows.delete(old);
        }
        window = { start, hits: 0, ends: start + windowMs };
        windows.delete(key);
        windows.set(key, window);
      }
      window.hits += 1;
      return { hits: window.hits, ttlMs: window.ends - at };
    },
  };
}

/** Gives the hub's integration limit its counters; call once, before the routes are registered. */
export function countIntegrationRequestsIn(server: Server, counters: FloorCounters): void {
  windowsOfHub.set(server, floorRateLimitStore(counters, 'integration-requests'));
}

/**
 * Limits every route of `scope` by `keyOf` against the hub's one count per key, so an
 * integration's requests to any of its routes draw on the same allowance. Runs before the body is
 * parsed, so a refused request costs no parsing; the 429 carries the ApiError body and Retry-After.
 */
export async function limitIntegrationRoutes(scope: FastifyInstance, limit: IntegrationRateLimit, keyOf: (request: FastifyRequest) => Promise<string>): Promise<void> {
  let store = windowsOfHub.get(scope.server);
  if (!store) {
    store = floorRateLimitStore(processCounters(), 'integration-requests');
    windowsOfHub.set(scope.server, store);
  }
  await scope.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    store,
    keyGenerator: keyOf,
    // With its status too, for scopes with their own error handler (the platform adapters').
    errorResponseBuilder: (_request, details) =>
      Object.assign(new ServiceError('rate_limited', `Too many requests from this integration (at most ${details.max} per window); retry in ${details.after}.`), { statusCode: 429 }),
  });
}

/**
 * The key is the integration the bearer token names, so one noisy bot cannot starve the others
 * and a bot behind many addresses is still one bot. Requests with no valid token are keyed by
 * address (they are refused with 401 anyway, but must not be free to hammer the token lookup).
 */
export const limitPerIntegration = (scope: FastifyInstance, context: HubContext, limit: IntegrationRateLimit): Promise<void> =>
  limitIntegrationRoutes(scope, limit, async (request) => {
    const integration = await integrationOfRequest(context.accounts, request);
    return integration ? `integration:${integration.id}` : `address:${request.ip}`;
  });

/** A plugin of integration routes (the platform adapters') inside the hub's one limit. */
export const withIntegrationLimit =
  (context: HubContext, limit: IntegrationRateLimit | undefined, plugin: (scope: FastifyInstance) => Promise<void>) =>
  async (scope: FastifyInstance): Promise<void> => {
    await limitPerIntegration(scope, context, limit ?? DEFAULT_INTEGRATION_RATE_LIMIT);
    await scope.register(plugin);
  };
