import type { FastifyInstance } from 'fastify';
import { customerLeftSchema, customerMessageSchema } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { authenticateIntegration, type HubContext } from '../context';
import { sendError } from '../routes/errors';
import { DEFAULT_INTEGRATION_RATE_LIMIT, limitPerIntegration, type IntegrationRateLimit } from '../routes/integration-rate-limit';
import { inboundAnswer, type InboundChannel } from './inbound';

interface IdParams {
  id: string;
}

/**
 * The generic connector's inbound side: a bot or relay posts what the customer writes after the
 * handoff under the conversation the handoff answer named, with the integration's token (and
 * signature, when it has a secret). Every platform's webhook ends in the same inbound channel.
 */
export function registerInboundRoutes(app: FastifyInstance, context: HubContext, inbound: InboundChannel, limit: IntegrationRateLimit = DEFAULT_INTEGRATION_RATE_LIMIT): void {
  void app.register(async (scope) => {
    await limitPerIntegration(scope, context, limit);

    scope.post<{ Params: IdParams }>('/v1/conversations/:id/customer-messages', async (request, reply) => {
      const auth = await authenticateIntegration(context, request);
      if (!auth.ok) return sendError(reply, 'unauthorized', auth.message);
      const parsed = parseWith(customerMessageSchema, request.body);
      if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "messageId", "text", "at"?, "attachments"? }.', parsed.problems);
      const { messageId, text, attachments } = parsed.value;
      const at = parsed.value.at ?? context.now().toISOString();
      const target = { conversationId: request.params.id };
      const message = await inbound.keepFiles(auth.integration, target, { sourceMessageId: messageId, text, at, ...(attachments ? { attachments } : {}) });
      const answer = inboundAnswer(await inbound.message(auth.integration, target, message));
      return reply.code(answer.status).send(answer.body);
    });

    scope.post<{ Params: IdParams }>('/v1/conversations/:id/customer-left', async (request, reply) => {
      const auth = await authenticateIntegration(context, request);
      if (!auth.ok) return sendError(reply, 'unauthorized', auth.message);
      const parsed = parseWith(customerLeftSchema, request.body ?? {});
      if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send {} or { "reason" }.', parsed.problems);
      const answer = inboundAnswer(await inbound.left(auth.integration, { conversationId: request.params.id }, parsed.value.reason ?? 'the customer left'));
      return reply.code(answer.status).send(answer.body);
    });
  });
}
