import type { FastifyInstance } from 'fastify';
import { integrationInputSchema, integrationPatchSchema, rotateTokenSchema } from '../../shared/admin';
import { adminRouter, bodyOf, idParam } from '../admin/admin-router';
import type { Administration } from '../admin/administration';
import { createIntegrationAdmin } from '../admin/integrations';
import type { HubContext } from '../context';

/** `/v1/admin/integrations`: the bots that hand off to this hub (the callback URL has its own route). */
export function registerAdminBotRoutes(app: FastifyInstance, context: HubContext, admin: Administration): void {
  const route = adminRouter(app, context);
  const integrations = createIntegrationAdmin(admin);

  route('GET', '/v1/admin/integrations', async () => ({ integrations: await integrations.list() }));
  route('POST', '/v1/admin/integrations', async (request, reply, actor) =>
    reply.code(201).send(await integrations.create(actor, bodyOf(integrationInputSchema, request, 'Send { id, name, platform, defaultQueue, settings? }'))));
  route('PATCH', '/v1/admin/integrations/:id', async (request, _reply, actor) =>
    ({ integration: await integrations.update(actor, idParam(request), bodyOf(integrationPatchSchema, request, 'Send { name?, defaultQueue?, settings? }')) }));
  route('POST', '/v1/admin/integrations/:id/rotate-token', async (request, _reply, actor) =>
    integrations.rotateToken(actor, idParam(request), bodyOf(rotateTokenSchema, request, 'Send { overlapMinutes? }').overlapMinutes));
  route('POST', '/v1/admin/integrations/:id/revoke', async (request, _reply, actor) => ({ integration: await integrations.revoke(actor, idParam(request)) }));
}
