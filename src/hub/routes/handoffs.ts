import type { FastifyInstance } from 'fastify';
import { authenticateIntegration, type HubContext, type RequestWithRawBody } from '../context';
import { sharedEnrichmentPool, type EnrichmentPool } from '../intake/enrichment-pool';
import { sendError } from './errors';
import { DEFAULT_INTEGRATION_RATE_LIMIT, limitPerIntegration, type IntegrationRateLimit } from './integration-rate-limit';

/** The generic handoff endpoint: the canonical envelope, as bots integrate against it. */
export function registerHandoffRoutes(
  app: FastifyInstance,
  context: HubContext,
  limit: IntegrationRateLimit = DEFAULT_INTEGRATION_RATE_LIMIT,
  pool: EnrichmentPool = sharedEnrichmentPool(),
): void {
  // A listening hub is a long-lived one: its workers load before the first handoff needs them.
  // Built but not listening (tests through inject), a worker starts only once a handoff comes.
  app.addHook('onListen', async () => pool.warm());
  void app.register(async (scope) => {
    await limitPerIntegration(scope, context, limit);
    // This route keeps the JSON as text (and as rawBody, for signatures): the worker parses it, with
    // the same refusals as the hub's JSON parser. The body limit and the 415 for other types hold.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      (request as RequestWithRawBody).rawBody = body as string;
      done(null, body);
    });
    scope.post('/v1/handoffs', async (request, reply) => {
      const auth = await authenticateIntegration(context, request);
      if (!auth.ok) return sendError(reply, 'unauthorized', auth.message);
      const { integration } = auth;
      const text = typeof request.body === 'string' ? request.body : '';
      if (text.trim() === '') return sendError(reply, 'invalid_json', 'The body is empty; send a JSON document.');
      // Parsing, validation and enrichment run on a worker thread while this one serves other requests.
      const prepared = await pool.prepare(text);
      if (!prepared.ok) {
        return 'isInvalidJson' in prepared
          ? sendError(reply, 'invalid_json', 'The body is not valid JSON.')
          : sendError(reply, 'invalid_envelope', 'The handoff envelope is not valid; see details.', prepared.problems);
      }
      // The answer goes only once the write has committed (see HubDurability in store/database).
      const isKnown = (await context.conversations.findByEnvelope(integration.id, prepared.envelope.id)) !== null;
      const { created, conversationId } = await context.attachments.ingestWithFiles(prepared.envelope, integration.id, isKnown, (envelope) =>
        context.service.ingest(envelope, integration, { isPrepared: true }),
      );
      return reply.code(created ? 201 : 200).send({ conversationId, status: created ? 'created' : 'duplicate' });
    });
  });
}
