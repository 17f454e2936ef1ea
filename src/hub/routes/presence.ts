import type { FastifyInstance } from 'fastify';
import { presenceSchema } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { requireUser, type HubContext } from '../context';
import { sendError } from './errors';

/** An agent says whether they take new chats; without a live connection they show offline anyway. */
export function registerPresenceRoutes(app: FastifyInstance, context: HubContext): void {
  app.put('/v1/me/presence', async (request, reply) => {
    const user = requireUser(context, request, reply);
    if (!user) return reply;
    if (user.role !== 'agent') return sendError(reply, 'forbidden', 'Only agents have a presence.');
    const parsed = parseWith(presenceSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "presence": "available" | "away" }.', parsed.problems);
    const status = context.service.setPresence(user, parsed.value.presence);
    return { presence: status.presence, since: new Date(status.since).toISOString() };
  });
}
