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

  route('GET', '/v1/admin/skills', () => ({ skills: queues.skills() }));
  route('POST', '/v1/admin/skills', (request, _reply, actor) => ({ skill: queues.saveSkill(actor, bodyOf(skillInputSchema, request, 'Send { id, name }')) }));
  route('DELETE', '/v1/admin/skills/:id', (request, reply, actor) => {
    queues.removeSkill(actor, idParam(request));
    return reply.code(204).send();
  });

  route('GET', '/v1/admin/queues', () => ({ queues: queues.list() }));
  route('POST', '/v1/admin/queues', (request, reply, actor) =>
    reply.code(201).send({ queue: queues.create(actor, bodyOf(queueInputSchema, request, 'Send { id, name, requiredSkills?, language?, serviceLevel?, offerTimeoutSeconds?, supervisors? }')) }));
  route('PATCH', '/v1/admin/queues/:id', (request, _reply, actor) =>
    ({ queue: queues.update(actor, idParam(request), bodyOf(queuePatchSchema, request, 'Send the fields to change')) }));
  route('DELETE', '/v1/admin/queues/:id', (request, reply, actor) => {
    queues.remove(actor, idParam(request));
    return reply.code(204).send();
  });
}
