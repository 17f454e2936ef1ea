import type { FastifyInstance } from 'fastify';
import { queueInputSchema, queuePatchSchema, skillInputSchema } from '../../shared/admin';
import { adminRouter, bodyOf, idParam } from '../admin/admin-router';
import type { Administration } from '../admin/administration';
import { createQueueAdmin } from '../admin/queues';
import type { HubContext } from '../context';

/** `/v1/admin/skills` and `/v1/admin/queues`. */
export function registerAdminQueueRoutes(app: FastifyInstance, context: HubContext, admin: Administration): void {
  const route = adminRouter(app, context);
  const queues = createQueueAdmin(admin);

  route('GET', '/v1/admin/skills', async () => ({ skills: await queues.skills() }));
  route('POST', '/v1/admin/skills', async (request, _reply, actor) => ({ skill: await queues.saveSkill(actor, bodyOf(skillInputSchema, request, 'Send { id, name }')) }));
  route('DELETE', '/v1/admin/skills/:id', async (request, reply, actor) => {
    await queues.removeSkill(actor, idParam(request));
    return reply.code(204).send();
  });

  route('GET', '/v1/admin/queues', async () => ({ queues: await queues.list() }));
  route('POST', '/v1/admin/queues', async (request, reply, actor) =>
    reply.code(201).send({ queue: await queues.create(actor, bodyOf(queueInputSchema, request, 'Send { id, name, requiredSkills?, language?, serviceLevel?, offerTimeoutSeconds?, supervisors? }')) }));
  route('PATCH', '/v1/admin/queues/:id', async (request, _reply, actor) =>
    ({ queue: await queues.update(actor, idParam(request), bodyOf(queuePatchSchema, request, 'Send the fields to change')) }));
  route('DELETE', '/v1/admin/queues/:id', async (request, reply, actor) => {
    await queues.remove(actor, idParam(request));
    return reply.code(204).send();
  });
}
