import type { FastifyInstance } from 'fastify';
import { envelopeSchema } from '../../shared/envelope';
import { parseWith } from '../../shared/validation';
import { authenticateIntegration, type HubContext } from '../context';
import { sendError } from './errors';
import { DEFAULT_INTEGRATION_RATE_LIMIT, limitPerIntegration, type IntegrationRateLimit } from './integration-rate-limit';

/** The generic handoff endpoint: the canonical envelope, as bots integrate against it. */
export function registerHandoffRoutes(app: FastifyInstance, context: HubContext, limit: IntegrationRateLimit = DEFAULT_INTEGRATION_RATE_LIMIT): void {
  void app.register(async (scope) => {
    await limitPerIntegration(scope, context, limit);
    scope.post('/v1/handoffs', async (request, reply) => {
      const auth = authenticateIntegration(context, request);
      if (!auth.ok) return sendError(reply, 401, 'unauthorized', auth.message);
      const { integration } = auth;
      const parsed = parseWith(envelopeSchema, request.body);
      if (!parsed.ok) {
        return sendError(reply, 400, 'invalid_envelope', 'The handoff envelope is not valid; see details.', parsed.problems);
      }
      // The write is synchronous and committed (WAL; see HubDurability in store/database) before this line returns.
      const { created, conversationId } = context.service.ingest(parsed.value, integration);
      return reply.code(created ? 201 : 200).send({ conversationId, status: created ? 'created' : 'duplicate' });
    });
  });
}
