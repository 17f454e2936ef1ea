import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Integration } from '../store/accounts';
import { limitIntegrationRoutes, type IntegrationRateLimit } from '../routes/integration-rate-limit';
import type { OutcomeSettler } from './settle';
import type { PendingTranscripts } from './types';

/**
 * What the webhook routes of platforms that cannot send a bearer token (Chatwoot, Botpress HITL)
 * need: the integration named by the secret in the URL they were configured with, its channel
 * settings, the replay memory, and the hub's one way of applying an adapter's outcome.
 */
export interface PlatformRouteDeps {
  integrationByToken(token: string): Promise<Integration | null>;
  channelSettings(integrationId: string): Promise<Record<string, unknown>>;
  receipts: { remember(integrationId: string, messageId: string, timestamp: string, at: Date): Promise<boolean> };
  pending: PendingTranscripts;
  settle: OutcomeSettler;
  now(): Date;
  /** Requests per integration and window (the bot routes' limit); none when absent. */
  rateLimit?: IntegrationRateLimit;
}

/** The URL secret is an integration token: as long as any, and never more than this. */
export const MAX_URL_TOKEN = 500;

export const refuse = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.code(status).send({ error: { code, message } });

// Per request object: the limiter keys on the integration before the body is read, the route needs it after.
const named = new WeakMap<FastifyRequest, Promise<Integration | null>>();

/** The integration the token in the URL names, looked up (and its token hashed) once per request. */
export function integrationOfUrl(deps: PlatformRouteDeps, request: FastifyRequest): Promise<Integration | null> {
  const known = named.get(request);
  if (known !== undefined) return known;
  const token = (request.params as { token?: unknown }).token;
  const integration = typeof token === 'string' && token.length <= MAX_URL_TOKEN ? deps.integrationByToken(token) : Promise.resolve(null);
  named.set(request, integration);
  return integration;
}

/**
 * Registers a platform's webhook routes in their own scope, limited per integration like the bot
 * routes (a URL naming none is limited by address), before any body is parsed.
 */
export function platformScope(app: FastifyInstance, deps: PlatformRouteDeps, routes: (scope: FastifyInstance) => void): void {
  void app.register(async (scope) => {
    const limit = deps.rateLimit;
    if (limit) {
      // The hub's one count per integration, shared with its handoffs and bot routes.
      await limitIntegrationRoutes(scope, limit, async (request) => {
        const integration = await integrationOfUrl(deps, request);
        return integration ? `integration:${integration.id}` : `address:${request.ip}`;
      });
    }
    routes(scope);
  });
}
