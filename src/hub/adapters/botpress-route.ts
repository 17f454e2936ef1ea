import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ENVELOPE_LIMITS } from '../../shared/envelope';
import { botpressAdapter } from './botpress';
import { botpressTicketOf } from './botpress-ticket';
import { ignored } from './finish';
import { httpStatusOf } from '../routes/errors';
import { integrationOfUrl, platformScope, refuse, type PlatformRouteDeps } from './platform-route';
import { isRecord } from './shape';
import type { AdapterOutcome } from './types';

/**
 * The endpoints botpress/growth integrations/hitl-api calls at its configured `endpointBaseUrl`
 * (src/externalService.ts: POST `${endpointBaseUrl}/ping`, `/createRemoteUser`,
 * `/createRemoteConversation`, `/botSendsMessage`, `/closeRemoteTicket`, each with a body whose
 * `type` is the same word and no header of its own). The admin sets `endpointBaseUrl` to
 * `https://<hub>/v1/integrations/botpress/<integration token>`: the token in the path names the
 * integration. Answers are what hitl-api parses: `{ id }` for the user and the conversation
 * (CreateRemoteUserResponse, CreateRemoteConversationResponse), any 2xx for the rest.
 */
export const BOTPRESS_HITL_OPERATIONS = ['ping', 'createRemoteUser', 'createRemoteConversation', 'botSendsMessage', 'closeRemoteTicket'] as const;
type Operation = (typeof BOTPRESS_HITL_OPERATIONS)[number];
const isOperation = (value: string): value is Operation => (BOTPRESS_HITL_OPERATIONS as readonly string[]).includes(value);

export function registerBotpressHitl(app: FastifyInstance, deps: PlatformRouteDeps): void {
  platformScope(app, deps, (scope) => {
    scope.post<{ Params: { operation: string } }>('/v1/integrations/botpress/:token/:operation', { bodyLimit: ENVELOPE_LIMITS.maxBodyBytes }, (request, reply) =>
      receive(deps, request, reply),
    );
  });
}

async function receive(deps: PlatformRouteDeps, request: FastifyRequest<{ Params: { operation: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const { operation } = request.params;
  if (!isOperation(operation)) return refuse(reply, 404, 'not_found', `Botpress HITL has no endpoint "${operation.slice(0, 60)}".`);
  const integration = await integrationOfUrl(deps, request);
  if (!integration) return refuse(reply, 401, 'unauthorized', 'This endpoint base URL names no integration: copy it again from the hub.');
  const body = request.body;
  if (!isRecord(body) || body.type !== operation) {
    const details = [{ path: 'type', message: `expected "${operation}", as the endpoint's name` }];
    return reply.code(400).send({ error: { code: 'invalid_payload', message: 'the botpress payload is not valid', details } });
  }
  if (operation === 'ping') return reply.code(200).send({ status: 'ready' });
  const translated = await botpressAdapter.translate(body, { integrationId: integration.id, now: deps.now, pending: deps.pending });
  if (translated.kind === 'recorded') return reply.code(200).send({ ...translated.reply, status: 'recorded' });
  const outcome = translated.kind === 'customer-left' ? await closedTicket(deps, integration.id, translated) : translated;
  if (!outcome) return refuse(reply, httpStatusOf('platform_unreachable'), 'platform_unreachable', 'Botpress could not be asked which ticket this conversation is; try again.');
  const settled = await deps.settle(outcome, 'botpress', integration);
  if (outcome.kind === 'handoff' && settled.status < 300) {
    // hitl-api keeps this `id` as the Botpress conversation's externalId and sends it back as `remoteConversationId`.
    return reply.code(settled.status).send({ ...settled.body, id: outcome.envelope.source?.conversationId });
  }
  return reply.code(settled.status).send(settled.body);
}

/**
 * closeRemoteTicket names Botpress's HITL conversation, not our ticket: with the Botpress API
 * configured the hub reads the ticket id off that conversation's tags; without it the id is taken
 * as given. Null when Botpress could not be asked.
 */
async function closedTicket(deps: PlatformRouteDeps, integrationId: string, outcome: Extract<AdapterOutcome, { kind: 'customer-left' }>): Promise<AdapterOutcome | null> {
  const lookup = await botpressTicketOf(await deps.channelSettings(integrationId), outcome.sourceConversationId, deps.now());
  switch (lookup.kind) {
    case 'found':
      return { ...outcome, sourceConversationId: lookup.remoteConversationId };
    case 'unconfigured':
      return outcome;
    case 'unknown':
      return ignored(lookup.detail);
    case 'unreachable':
      return null;
  }
}
