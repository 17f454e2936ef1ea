import type { FastifyInstance } from 'fastify';
import { screenInputSchema } from '../../shared/admin';
import { adminRouter, bodyOf, idParam } from '../admin/admin-router';
import type { Administration } from '../admin/administration';
import { createScreenAdmin } from '../admin/screens';
import type { HubContext } from '../context';

/** `/v1/admin/screens`: wallboards on the wall. */
export function registerAdminScreenRoutes(app: FastifyInstance, context: HubContext, admin: Administration): void {
  const route = adminRouter(app, context);
  const screens = createScreenAdmin(admin);

  route('GET', '/v1/admin/screens', async () => ({ screens: await screens.list() }));
  route('POST', '/v1/admin/screens', async (request, reply, actor) => reply.code(201).send(await screens.create(actor, bodyOf(screenInputSchema, request, 'Send { name, queues }'))));
  route('POST', '/v1/admin/screens/:id/revoke', async (request, _reply, actor) => ({ screen: await screens.revoke(actor, idParam(request)) }));
}
