import type { FastifyInstance, FastifyReply } from 'fastify';
import { agentReplySchema, declineSchema, flagSchema, resolveSchema, transferSchema } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { canRead } from '../auth/access';
import { requireUser, type HubContext } from '../context';
import { publicUser, type Account } from '../store/accounts';
import { sendError } from './errors';

interface IdParams {
  id: string;
}

export function registerConversationRoutes(app: FastifyInstance, context: HubContext): void {
  const { conversations, service } = context;
  // Someone else's conversation answers exactly as a missing one (the README's promise), before any
  // state is looked at: a 409 "not yours" would tell a prober that the id exists.
  const isHidden = async (user: Account, id: string): Promise<boolean> => {
    const record = await conversations.get(id);
    return !record || !canRead(publicUser(user), record);
  };
  // A supervisor's list keeps their queues' order, each queue's conversations together.
  const activeInQueues = async (queues: readonly string[]) => {
    const lists = await Promise.all(queues.map((queue) => conversations.activeInQueue(queue)));
    return lists.flat();
  };
  const notFound = (reply: FastifyReply) => sendError(reply, 'not_found', 'No such conversation, or it is not yours to see.');

  app.get('/v1/conversations', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    // The seq is read first: events after it may repeat what the list shows, never miss it.
    const seq = await context.events.latestSeq();
    const records =
      user.role === 'agent'
        ? await conversations.activeForAgent(user.id)
        : user.role === 'wallboard'
          ? []
          : await activeInQueues(user.queues);
    return { seq, user: publicUser(user), conversations: await Promise.all(records.map((record) => conversations.view(record))) };
  });

  app.get<{ Params: IdParams }>('/v1/conversations/:id', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const record = await conversations.get(request.params.id);
    // Not found and not allowed answer alike, so ids cannot be probed.
    if (!record || !canRead(publicUser(user), record)) {
      return sendError(reply, 'not_found', 'No such conversation, or it is not yours to see.');
    }
    return conversations.view(record);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/accept', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (await isHidden(user, request.params.id)) return notFound(reply);
    return service.accept(user, request.params.id);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/decline', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const parsed = parseWith(declineSchema, request.body ?? {});
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "code"?, "reason"? }.', parsed.problems);
    if (await isHidden(user, request.params.id)) return notFound(reply);
    const { code, reason } = parsed.value;
    await service.decline(user, request.params.id, reason ?? '', code ?? null);
    return reply.code(204).send();
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/messages', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (await isHidden(user, request.params.id)) return notFound(reply);
    const parsed = parseWith(agentReplySchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "clientMessageId", "text", "attachmentIds"? }.', parsed.problems);
    const { clientMessageId, text, attachmentIds = [] } = parsed.value;
    const files = await context.attachments.forReply(user.id, request.params.id, attachmentIds);
    // Supervisors write once they barged in or took over; the supervision service checks which.
    const { message, created } =
      user.role === 'agent'
        ? await service.reply(user, request.params.id, clientMessageId, text, files)
        : await context.supervision.say(user, request.params.id, clientMessageId, text, files);
    return reply.code(created ? 201 : 200).send(message);
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/resolve', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const parsed = parseWith(resolveSchema, request.body ?? {});
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "disposition" } to resolve.', parsed.problems);
    if (await isHidden(user, request.params.id)) return notFound(reply);
    return service.resolve(user, request.params.id, parsed.value.disposition, parsed.value.note?.trim() || undefined);
  });

  // An agent transfers what they own; a supervisor of the queue may force any of its conversations.
  app.post<{ Params: IdParams }>('/v1/conversations/:id/transfer', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const parsed = parseWith(transferSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "to": { "kind", "id" }, "note" }.', parsed.problems);
    const record = await conversations.get(request.params.id);
    if (!record || !canRead(publicUser(user), record)) {
      return sendError(reply, 'not_found', 'No such conversation, or it is not yours to see.');
    }
    const force = user.role === 'supervisor' || user.role === 'admin';
    return service.transfer(user, request.params.id, parsed.value.to, parsed.value.note, { force });
  });

  app.post<{ Params: IdParams }>('/v1/conversations/:id/flags', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const parsed = parseWith(flagSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "message" }.', parsed.problems);
    if (await isHidden(user, request.params.id)) return notFound(reply);
    return reply.code(201).send(await service.raiseFlag(user, request.params.id, parsed.value.message));
  });
}
