import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../../shared/conversation';
import type { EarlierConversation } from '../../shared/earlier-conversations';
import { canRead } from '../auth/access';
import { requireUser, type HubContext } from '../context';
import { publicUser } from '../store/accounts';
import type { CustomerHistory, EarlierRecord } from '../store/customer-history';
import { sendError } from './errors';

/** A returning customer's history is a summary: this many conversations are plenty to see a pattern. */
const SHOWN = 20;

/**
 * Whether `user` may review an earlier conversation of the customer in front of them: what they may
 * read anyway, and for an agent also what went through a queue they serve (that is their team's
 * work with this customer). Never another queue's conversations.
 */
export function mayReview(user: User, earlier: Pick<EarlierRecord, 'queue' | 'assignedAgentId'>): boolean {
  if (canRead(user, { queue: earlier.queue, assignedAgentId: earlier.assignedAgentId, offer: null })) return true;
  return user.role === 'agent' && user.queues.includes(earlier.queue);
}

const summary = ({ assignedAgentId: _hidden, ...shown }: EarlierRecord): EarlierConversation => shown;

/**
 * GET /v1/conversations/:id/earlier: the earlier conversations of this conversation's customer
 * that the caller may review. GET /v1/conversations/:id/earlier/:earlierId: one of them, whole.
 * Both answer 404 alike for an unknown conversation and for one the caller may not read.
 */
export function registerCustomerHistoryRoutes(app: FastifyInstance, context: HubContext, history: CustomerHistory): void {
  const notFound = (reply: FastifyReply) => sendError(reply, 'not_found', 'No such conversation, or it is not yours to see.');

  const visibleEarlier = async (user: User, id: string): Promise<EarlierRecord[] | null> => {
    const record = await context.conversations.get(id);
    if (!record || !canRead(user, record)) return null;
    return (await history.of(record))
      .filter((earlier) => mayReview(user, earlier))
      .slice(0, SHOWN);
  };

  app.get<{ Params: { id: string } }>('/v1/conversations/:id/earlier', async (request, reply) => {
    const account = await requireUser(context, request, reply);
    if (!account) return reply;
    const earlier = await visibleEarlier(publicUser(account), request.params.id);
    if (!earlier) return notFound(reply);
    return { conversations: earlier.map(summary) };
  });

  app.get<{ Params: { id: string; earlierId: string } }>('/v1/conversations/:id/earlier/:earlierId', async (request, reply) => {
    const account = await requireUser(context, request, reply);
    if (!account) return reply;
    const earlier = await visibleEarlier(publicUser(account), request.params.id);
    if (!earlier?.some((conversation) => conversation.id === request.params.earlierId)) return notFound(reply);
    const record = await context.conversations.get(request.params.earlierId);
    return record ? context.conversations.view(record) : notFound(reply);
  });
}
