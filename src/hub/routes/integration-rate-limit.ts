import type { Server } from 'node:http';
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { integrationOfRequest } from '../auth/integration-token';
import type { HubContext } from '../context';
import { ServiceError } from '../services/conversations';

/** Requests one integration may make per window, across every route its token can reach. */
export interface IntegrationRateLimit {
  max: number;
  timeWindowMs: number;
}

export const DEFAULT_INTEGRATION_RATE_LIMIT: IntegrationRateLimit = { max: 600, timeWindowMs: 60_000 };

interface Window {
  current: number;
  startedAt: number;
}

/**
 * One fixed window per key, shared by every scope of one hub that registers the limit (handoffs,
 * bot routes, platform webhooks…), in @fastify/rate-limit's store interface. It lives in the hub's
 * process: with one hub per store that is the whole count; replicas on PostgreSQL would need this
 * same interface over the store's table, which is not built.
 */
class IntegrationWindows {
  private readonly windows = new Map<string, Window>();

  incr(key: string, done: (error: Error | null, result: { current: number; ttl: number }) => void, timeWindow: number): void {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= timeWindow) {
      window = { current: 0, startedAt: now };
      this.windows.delete(key);
      this.windows.set(key, window);
      this.prune(now, timeWindow);
    }
    window.current += 1;
    done(null, { current: window.current, ttl: window.startedAt + timeWindow - now });
  }

  child(): IntegrationWindows {
    return this;
  }

  /** Oldest windows first (insertion order): stop at the first still open. */
  private prune(now: number, timeWindow: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt < timeWindow) return;
      this.windows.delete(key);
    }
  }
}

// One per hub: every scope of one Fastify app shares its http.Server.
const windowsOfHub = new WeakMap<Server, IntegrationWindows>();

/**
 * Limits every route of `scope` by `keyOf` against the hub's one count per key, so an
 * integration's requests to any of its routes draw on the same allowance. Runs before the body is
 * parsed, so a refused request costs no parsing; the 429 carries the ApiError body and Retry-After.
 */
export async function limitIntegrationRoutes(scope: FastifyInstance, limit: IntegrationRateLimit, keyOf: (request: FastifyRequest) => Promise<string>): Promise<void> {
  let windows = windowsOfHub.get(scope.server);
  if (!windows) {
    windows = new IntegrationWindows();
    windowsOfHub.set(scope.server, windows);
  }
  const shared = windows;
  await scope.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    // The plugin constructs its store from this class; every construction is the hub's one store.
    // (Its typings omit the window and max the plugin passes to incr.)
    store: function SharedWindows() {
      return shared;
    } as unknown as FastifyRateLimitStoreCtor,
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
