import type { FastifyInstance } from 'fastify';
import { stepInSchema, whisperSchema } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { canRead } from '../auth/access';
import { requireUser, type HubContext } from '../context';
import type { SupervisionService } from '../services/supervision';
import type { AgentStatusReader } from '../services/routing-agents';
import { publicUser } from '../store/accounts';
import type { TypingSignal } from '../stream/floor-commands';
import { sendError } from './errors';

interface IdParams {
  id: string;
}

export interface SupervisionRouteDeps {
  supervision: SupervisionService;
  agentStatuses: AgentStatusReader;
  /** Shows the agent's typing floor-wide: monitoring supervisors, the customer's web chat window or channel. */
  typing(signal: TypingSignal): void;
}

/**
 * Supervisor step-ins (monitor, whisper, barge, take over, acknowledge a flag), the live agents list,
 * and the agent's typing signal that monitoring supervisors see. Role and queue checks live in the
 * service; a conversation outside the caller's queues answers 404 like one that does not exist.
 */
export function registerSupervisionRoutes(app: FastifyInstance, context: HubContext, deps: SupervisionRouteDeps): void {
  const { supervision } = deps;

  app.get('/v1/agents', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (user.role === 'agent') return sendError(reply, 'forbidden', 'The agents list is for supervisors, admins and wallboards.');
    return deps.agentStatuses(user.queues);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/monitor', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    return supervision.monitor(user, request.params.id);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/whisper', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const parsed = parseWith(whisperSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "clientMessageId", "text", "flagId"? }.', parsed.problems);
    const { clientMessageId, text, flagId } = parsed.value;
    const { message, created } = await supervision.whisper(user, request.params.id, clientMessageId, text, flagId);
    return reply.code(created ? 201 : 200).send(message);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/barge', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const parsed = parseWith(stepInSchema, request.body ?? {});
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send {} or { "flagId" }.', parsed.problems);
    return supervision.barge(user, request.params.id, parsed.value.flagId);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/take-over', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    return supervision.takeOver(user, request.params.id);
  });

  app.post<{ Params: { flagId: string } }>('/v1/flags/:flagId/acknowledge', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    return supervision.acknowledgeFlag(user, request.params.flagId);
  });

  /** The owning agent is typing: monitors and the customer's channel see it; nothing is stored. Callers throttle it. */
  app.post<{ Params: IdParams }>('/v1/conversations/:id/typing', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const record = await context.conversations.get(request.params.id);
    if (!record || !canRead(publicUser(user), record)) return sendError(reply, 'not_found', 'No such conversation, or it is not yours.');
    if (record.state !== 'assigned' || record.assignedAgentId !== user.id) {
      return sendError(reply, 'not_yours', 'Only the agent who owns the conversation can say they are typing.');
    }
    const monitors = await supervision.monitorsOf(record.id);
    deps.typing({ conversationId: record.id, integrationId: record.integrationId, agentId: user.id, at: context.now().toISOString(), monitors });
    return reply.code(204).send();
  });
}
