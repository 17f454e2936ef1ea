import type { FastifyInstance } from 'fastify';
import { declineSchema, replySchema } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { canRead } from '../auth/access';
import { requireUser, type HubContext } from '../context';
import { publicUser } from '../store/accounts';
import { sendError } from './errors';

interface IdParams {
  id: string;
}

export function registerConversationRoutes(app: FastifyInstance, context: HubContext): void {
  const { conversations, service } = context;

  app.get('/v1/conversations', async (request, reply) => {
    const user = requireUser(context, request, reply);
    if (!user) return reply;
    // The seq is read first: events after it may repeat what the list shows, never miss it.
    const seq = context.events.latestSeq();
    const records =
      user.role === 'agent'
        ? conversations.activeForAgent(user.id)
        : user.role === 'wallboard'
          ? []
          : user.queues.flatMap((queue) => conversations.activeInQueue(queue));
    return { seq, user: publicUser(user), conversations: records.map((record) => conversations.view(record)) };
  });

  app.get<{ Params: IdParams }>('/v1/conversations/:id', async (request, reply) => {
    const user = requireUser(context, request, reply);
    if (!user) return reply;
    const record = conversations.get(request.params.id);
    // Not found and not allowed answer alike, so ids cannot be probed.
    if (!record || !canRead(publicUser(user), record)) {
      return sendError(reply, 404, 'not_found', 'No such conversation, or it is not yours to see.');
    }
    return conversations.view(record);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/accept', async (request, reply) => {
    const user = requireUser(context, request, reply);
    if (!user) return reply;
    return service.accept(user, request.params.id);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/decline', async (request, reply) => {
    const user = requireUser(context, request, reply);
    if (!user) return reply;
    const parsed = parseWith(declineSchema, request.body ?? {});
    if (!parsed.ok) return sendError(reply, 400, 'invalid_request', 'Send { "reason" }.', parsed.problems);
    service.decline(user, request.params.id, parsed.value.reason ?? 'no reason given');
    return reply.code(204).send();
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/messages', async (request, reply) => {
    const user = requireUser(context, request, reply);
    if (!user) return reply;
    const parsed = parseWith(replySchema, request.body);
    if (!parsed.ok) return sendError(reply, 400, 'invalid_request', 'Send { "clientMessageId", "text" }.', parsed.problems);
    const { clientMessageId, text } = parsed.value;
    // Supervisors write once they barged in or took over; the supervision service checks which.
    const { message, created } =
      user.role === 'agent'
        ? service.reply(user, request.params.id, clientMessageId, text)
        : context.supervision.say(user, request.params.id, clientMessageId, text);
    return reply.code(created ? 201 : 200).send(message);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/resolve', async (request, reply) => {
    const user = requireUser(context, request, reply);
    if (!user) return reply;
    return service.resolve(user, request.params.id);
  });
}
