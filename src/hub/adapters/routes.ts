import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ENVELOPE_LIMITS } from '../../shared/envelope';
import type { Integration } from '../store/accounts';
import { StoreUnavailableError } from '../store/sql/sql';
import { adapters, isPlatform } from './registry';
import type { OutcomeSettler } from './settle';
import type { PendingTranscripts } from './types';

export interface IntegrationRouteDeps {
  authenticate(request: FastifyRequest): Promise<Integration | null>;
  /** The integration a bearer token names, without the signature check `authenticate` adds. */
  identify?(request: FastifyRequest): Promise<Integration | null>;
  settle: OutcomeSettler;
  pending: PendingTranscripts;
  now?: () => Date;
}

/**
 * Dialogflow CX webhooks and Rasa's action endpoint send only static headers (googleapis
 * `webhook.proto` GenericWebService `request_headers`; RasaHQ/rasa `rasa/utils/endpoints.py`
 * EndpointConfig `headers`), so they cannot sign: their bearer token alone names the integration.
 * A delivery that does carry a signature (a Rasa channel connector's) is still checked.
 */
const UNSIGNED_PLATFORMS = new Set(['dialogflow-cx', 'rasa']);
const cannotSign = (platform: string, request: FastifyRequest): boolean =>
  UNSIGNED_PLATFORMS.has(platform) && request.headers['webhook-signature'] === undefined;

const error = (reply: FastifyReply, status: number, code: string, message: string, details?: unknown) =>
  reply.code(status).send({ error: details === undefined ? { code, message } : { code, message, details } });

/**
 * `POST /v1/integrations/:platform`: each bot platform posts its own payload; the adapter turns it
 * into an outcome the hub settles (a handoff ingested, a customer's message stored). The answer is
 * 2xx only once the hub has stored it, so a platform's retry loses nothing.
 */
export function integrationRoutes(deps: IntegrationRouteDeps) {
  const now = deps.now ?? (() => new Date());
  return async function register(app: FastifyInstance): Promise<void> {
    // Encapsulated: answers a body Fastify could not parse in the same shape as an invalid payload.
    app.setErrorHandler((err: FastifyError, _request, reply) => {
      // The hub's own answer for a store it cannot reach (503 with Retry-After): a thrown error goes to the parent handler.
      if (err instanceof StoreUnavailableError) throw err;
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
        const identify = deps.identify ?? deps.authenticate;
        const integration = await (cannotSign(request.params.platform, request) ? identify(request) : deps.authenticate(request));
        if (!integration) return error(reply, 401, 'unauthorized', 'a valid integration token is required');
        const { platform } = request.params;
        if (!isPlatform(platform)) return error(reply, 404, 'not_found', `no adapter for platform "${platform.slice(0, 100)}"`);
        const outcome = await adapters[platform].translate(request.body, { integrationId: integration.id, now, pending: deps.pending });
        const settled = await deps.settle(outcome, platform, integration);
        return reply.code(settled.status).send(settled.body);
      },
    );
  };
}
