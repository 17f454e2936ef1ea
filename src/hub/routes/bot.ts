import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { botMessageSchema, botSessionsSchema } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { authenticateIntegration, type HubContext } from '../context';
import type { BotSessionRepository } from '../store/bot-sessions';
import { sendError } from './errors';
import { DEFAULT_INTEGRATION_RATE_LIMIT, limitPerIntegration, type IntegrationRateLimit } from './integration-rate-limit';

interface IdParams {
  id: string;
}

const header = (value: string | string[] | undefined): string | null => [value].flat()[0] ?? null;

/**
 * What a source bot may do besides handing off: write into its own conversation while no human
 * has it, and report the sessions it handled alone (the handoff rate's denominator).
 */
export function registerBotRoutes(
  app: FastifyInstance,
  context: HubContext,
  botSessions: BotSessionRepository,
  limit: IntegrationRateLimit = DEFAULT_INTEGRATION_RATE_LIMIT,
): void {

  void app.register(async (scope) => {
    await limitPerIntegration(scope, context, limit);

    scope.post<{ Params: IdParams }>('/v1/conversations/:id/bot-messages', async (request, reply) => {
      const auth = await authenticateIntegration(context, request);
      if (!auth.ok) return sendError(reply, 'unauthorized', auth.message);
      const parsed = parseWith(botMessageSchema, request.body);
      if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "clientMessageId", "text" }.', parsed.problems);
      // 409 human_owns once an agent has it: the bot is told to stop by callback, and refused here.
      const { message, created } = await context.service.botSays(auth.integration.id, request.params.id, parsed.value.clientMessageId, parsed.value.text);
      return reply.code(created ? 201 : 200).send(message);
    });

    scope.post('/v1/bot-sessions', async (request, reply) => {
      const auth = await authenticateIntegration(context, request);
      if (!auth.ok) return sendError(reply, 'unauthorized', auth.message);
      const parsed = parseWith(botSessionsSchema, request.body);
      if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "contained", "intent"?, "channel"?, "at"? }.', parsed.problems);
      const at = parsed.value.at === undefined ? context.now() : new Date(parsed.value.at);
      if (Number.isNaN(at.getTime())) {
        return sendError(reply, 'invalid_request', '"at" must be an ISO 8601 date-time.', [{ path: 'at', message: 'not a date-time' }]);
      }
      // A retry must not count twice: the caller's Idempotency-Key (or the signed delivery's id) names the report.
      const reportId = header(request.headers['idempotency-key']) ?? header(request.headers['webhook-id']) ?? randomUUID();
      const recorded = await botSessions.record({
        integrationId: auth.integration.id,
        reportId: reportId.slice(0, 200),
        at: at.toISOString(),
        intent: parsed.value.intent ?? null,
        channel: parsed.value.channel ?? null,
        contained: parsed.value.contained,
        receivedAt: context.now().toISOString(),
      });
      return reply.code(recorded ? 201 : 200).send({ status: recorded ? 'recorded' : 'duplicate', contained: parsed.value.contained, at: at.toISOString() });
    });
  });
}
