import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { providerFinishSchema, providerStartSchema, signInSettingsInputSchema } from '../../shared/sign-in';
import { parseWith } from '../../shared/validation';
import { adminRouter, bodyOf } from '../admin/admin-router';
import { SignInProblem, type ProviderSignIn } from '../auth/oidc-sign-in';
import type { HubContext } from '../context';
import { ServiceError } from '../services/conversations';
import { floorRateLimitStore } from '../store/floor-rate-limit-store';
import { sendError } from './errors';
import { issueSession } from './sessions';

/**
 * Start and finish need no session and make the hub call the provider, so one address gets a
 * bounded number a minute on the whole floor: room for a whole office behind one proxy, not for a loop.
 */
export const OIDC_ROUTE_LIMIT = { max: 300, timeWindowMs: 60_000 };

const answerProblem = (reply: FastifyReply, error: unknown) => {
  if (error instanceof SignInProblem) return sendError(reply, error.code, error.message);
  throw error;
};

/**
 * Sign-in with the identity provider: what the sign-in screen offers, the start (an authorization
 * URL for the desktop's loopback redirect) and the finish (the redirect as received, with the
 * PKCE verifier); and `/v1/admin/sign-in`, where an admin sets the provider up.
 */
export function registerOidcRoutes(app: FastifyInstance, context: HubContext, provider: ProviderSignIn): void {
  app.get('/v1/sessions/options', async () => provider.options());

  void app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: true,
      max: OIDC_ROUTE_LIMIT.max,
      timeWindow: OIDC_ROUTE_LIMIT.timeWindowMs,
      store: floorRateLimitStore(context.counters, 'oidc-sign-ins'),
      keyGenerator: (request) => request.ip,
      errorResponseBuilder: (_request, details) =>
        Object.assign(new ServiceError('rate_limited', `Too many sign-ins from this address: retry in ${details.after}.`), { statusCode: 429 }),
    });

    scope.post('/v1/sessions/oidc/start', async (request, reply) => {
      const parsed = parseWith(providerStartSchema, request.body);
      if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "redirectUri", "codeChallenge" }.', parsed.problems);
      try {
        return await provider.start(parsed.value);
      } catch (error) {
        return answerProblem(reply, error);
      }
    });

    scope.post('/v1/sessions/oidc/finish', async (request, reply) => {
      const parsed = parseWith(providerFinishSchema, request.body);
      if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "callbackUrl", "codeVerifier" }.', parsed.problems);
      try {
        const account = await provider.finish(parsed.value);
        return reply.code(201).send(await issueSession(context, account));
      } catch (error) {
        return answerProblem(reply, error);
      }
    });
  });

  const route = adminRouter(app, context);
  route('GET', '/v1/admin/sign-in', async () => ({ settings: await provider.settings() }));
  route('PUT', '/v1/admin/sign-in', async (request, reply, actor) => {
    const input = bodyOf(signInSettingsInputSchema, request, 'Send { enabled, displayName, issuer, clientId, clientSecret?, defaultRole, passwordSignIn }');
    try {
      return { settings: await provider.save(actor, input) };
    } catch (error) {
      return answerProblem(reply, error);
    }
  });
}
