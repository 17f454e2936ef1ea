import type { FastifyInstance } from 'fastify';
import { presenceSchema } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { requireUser, type HubContext } from '../context';
import type { PresenceStatus } from '../services/presence';
import { sendError } from './errors';

const toAnswer = (status: PresenceStatus) => ({
  presence: status.presence,
  since: new Date(status.since).toISOString(),
  ...(status.reason ? { reason: status.reason } : {}),
  ...(status.until ? { until: new Date(status.until).toISOString() } : {}),
});

/**
 * An agent says whether they take new chats, and why not ("Lunch"); choosing available ends a
 * wrap-up early. Without a live connection they show offline anyway. GET tells their status bar
 * where they stand and which away reasons the hub offers.
 */
export function registerPresenceRoutes(app: FastifyInstance, context: HubContext): void {
  app.get('/v1/me/presence', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (user.role !== 'agent') return sendError(reply, 'forbidden', 'Only agents have a presence.');
    return { ...toAnswer(await context.presence.status(user.id)), ...context.presence.settings() };
  });

  app.put('/v1/me/presence', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (user.role !== 'agent') return sendError(reply, 'forbidden', 'Only agents have a presence.');
    const parsed = parseWith(presenceSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "presence": "available" | "away", "reason"?: one of the away reasons }.', parsed.problems);
    return toAnswer(await context.service.setPresence(user, parsed.value.presence, parsed.value.reason));
  });
}
