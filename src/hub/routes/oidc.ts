import type { FastifyInstance, FastifyReply } from 'fastify';
import { providerFinishSchema, providerStartSchema, signInSettingsInputSchema } from '../../shared/sign-in';
import { parseWith } from '../../shared/validation';
import { adminRouter, bodyOf } from '../admin/admin-router';
import { SignInProblem, type ProviderSignIn } from '../auth/oidc-sign-in';
import type { HubContext } from '../context';
import { sendError } from './errors';
import { issueSession } from './sessions';

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

  app.post('/v1/sessions/oidc/start', async (request, reply) => {
    const parsed = parseWith(providerStartSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "redirectUri", "codeChallenge" }.', parsed.problems);
    try {
      return await provider.start(parsed.value);
    } catch (error) {
      return answerProblem(reply, error);
    }
  });

  app.post('/v1/sessions/oidc/finish', async (request, reply) => {
    const parsed = parseWith(providerFinishSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "callbackUrl", "codeVerifier" }.', parsed.problems);
    try {
      const account = await provider.finish(parsed.value);
      return reply.code(201).send(issueSession(context, account));
    } catch (error) {
      return answerProblem(reply, error);
    }
  });

  const route = adminRouter(app, context);
  route('GET', '/v1/admin/sign-in', () => ({ settings: provider.settings() }));
  route('PUT', '/v1/admin/sign-in', async (request, reply, actor) => {
    const input = bodyOf(signInSettingsInputSchema, request, 'Send { enabled, displayName, issuer, clientId, clientSecret?, defaultRole, passwordSignIn }');
    try {
      return { settings: await provider.save(actor, input) };
    } catch (error) {
      return answerProblem(reply, error);
    }
  });
}
