import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ENVELOPE_LIMITS, type HandoffEnvelope } from '../../shared/envelope';
import { adapters, isPlatform } from './registry';
import { handoffAnswer } from './status';
import type { PendingTranscripts } from './types';

export interface IntegrationRouteDeps {
  authenticate(request: FastifyRequest): { id: string } | null;
  ingest(envelope: HandoffEnvelope, integrationId: string): Promise<{ created: boolean; conversationId: string }>;
  pending: PendingTranscripts;
  now?: () => Date;
}

const error = (reply: FastifyReply, status: number, code: string, message: string, details?: unknown) =>
  reply.code(status).send({ error: details === undefined ? { code, message } : { code, message, details } });

/**
 * `POST /v1/integrations/:platform`: each bot platform posts its own payload; the adapter turns it
 * into an envelope and the hub ingests it. The answer is 2xx only once the hub has stored the
 * handoff, and a pending transcript is cleared only then, so a platform's retry loses nothing.
 */
export function integrationRoutes(deps: IntegrationRouteDeps) {
  const now = deps.now ?? (() => new Date());
  return async function register(app: FastifyInstance): Promise<void> {
    // Encapsulated: answers a body Fastify could not parse in the same shape as an invalid payload.
    app.setErrorHandler((err: FastifyError, _request, reply) => {
      const status = err.statusCode ?? 500;
      if (status === 413) return error(reply, 413, 'payload_too_large', `the body exceeds ${ENVELOPE_LIMITS.maxBodyBytes} bytes`);
      if (status === 429) return error(reply, 429, 'rate_limited', err.message);
      if (status >= 400 && status < 500) return error(reply, status, 'invalid_payload', err.message);
      app.log.error(err);
      return error(reply, 500, 'internal', 'the handoff could not be stored; retry later');
    });

    app.post<{ Params: { platform: string } }>(
      '/v1/integrations/:platform',
      { bodyLimit: ENVELOPE_LIMITS.maxBodyBytes },
      async (request, reply) => {
        const integration = deps.authenticate(request);
        if (!integration) return error(reply, 401, 'unauthorized', 'a valid integration token is required');
        const { platform } = request.params;
        if (!isPlatform(platform)) return error(reply, 404, 'not_found', `no adapter for platform "${platform.slice(0, 100)}"`);
        const outcome = adapters[platform].translate(request.body, { integrationId: integration.id, now, pending: deps.pending });
        switch (outcome.kind) {
          case 'invalid':
            return error(reply, 400, 'invalid_payload', `the ${platform} payload is not valid`, outcome.problems);
          case 'ignored':
            return reply.code(200).send({ status: 'ignored', detail: outcome.detail });
          case 'recorded':
            return reply.code(202).send({ ...outcome.reply, status: 'recorded' });
          case 'handoff': {
            const { created, conversationId } = await deps.ingest(outcome.envelope, integration.id);
            for (const key of outcome.pendingKeys ?? []) deps.pending.clear(key);
            return reply.code(created ? 201 : 200).send({ ...handoffAnswer(platform, conversationId), conversationId, status: 'accepted' });
          }
        }
      },
    );
  };
}
