import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ENVELOPE_LIMITS } from '../../shared/envelope';
import type { RequestWithRawBody } from '../context';
import { chatwootAdapter } from './chatwoot';
import { checkChatwootSignature } from './chatwoot-signature';
import { integrationOfUrl, platformScope, refuse, type PlatformRouteDeps } from './platform-route';

export const CHATWOOT_WEBHOOK_PATH = '/v1/integrations/chatwoot/:token';

/**
 * `POST /v1/integrations/chatwoot/{integration token}`: the URL an admin pastes into Chatwoot as the
 * account webhook (and the agent bot's URL). Chatwoot sends no header of ours, so the token in
 * the path names the integration; when the channel has Chatwoot's webhook secret, Chatwoot's own
 * signature is required too, and a delivery (id and timestamp) seen before is answered as a
 * duplicate without being applied again.
 */
export function registerChatwootWebhook(app: FastifyInstance, deps: PlatformRouteDeps): void {
  platformScope(app, deps, (scope) => {
    scope.post(CHATWOOT_WEBHOOK_PATH, { bodyLimit: ENVELOPE_LIMITS.maxBodyBytes }, (request, reply) => receive(deps, request, reply));
  });
}

async function receive(deps: PlatformRouteDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const integration = await integrationOfUrl(deps, request);
  if (!integration) return refuse(reply, 401, 'unauthorized', 'This webhook URL names no integration: copy it again from the hub.');
  const settings = await deps.channelSettings(integration.id);
  const secrets = [settings.webhookSecret, settings.agentBotSecret].filter((s): s is string => typeof s === 'string' && s !== '');
  const now = deps.now();
  const check = checkChatwootSignature(secrets, (request as RequestWithRawBody).rawBody ?? '', request.headers, now);
  if (!check.ok) return refuse(reply, 401, 'unauthorized', check.message);
  if (check.delivery && check.timestamp && !(await deps.receipts.remember(integration.id, `chatwoot:${check.delivery}`, check.timestamp, now))) {
    return reply.code(200).send({ status: 'duplicate', detail: 'this signed delivery was already received' });
  }
  const outcome = await chatwootAdapter.translate(request.body, { integrationId: integration.id, now: deps.now, pending: deps.pending });
  const settled = await deps.settle(outcome, 'chatwoot', integration);
  return reply.code(settled.status).send(settled.body);
}
