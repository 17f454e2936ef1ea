import type { FastifyInstance } from 'fastify';
import type { Directory } from '../../shared/ipc';
import { requireUser, type HubContext } from '../context';
import type { AgentStatusReader } from '../services/routing-agents';
import { sendError } from './errors';

/**
 * Where a conversation can be transferred: the caller's queues and the agents in them, with their
 * live state so a full or offline agent is visible as such before anyone tries. Staff only.
 */
export function registerDirectoryRoutes(app: FastifyInstance, context: HubContext, agentStatuses: AgentStatusReader): void {
  app.get('/v1/directory', async (request, reply): Promise<Directory | typeof reply> => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (user.role === 'wallboard') return sendError(reply, 'forbidden', 'The directory is for agents and supervisors.');
    const queues = (await context.accounts.queues())
      .filter((queue) => user.queues.includes(queue.id))
      .map((queue) => ({ id: queue.id, name: queue.name, serviceLevel: queue.serviceLevel }));
    return { queues, agents: await agentStatuses(user.queues) };
  });
}
