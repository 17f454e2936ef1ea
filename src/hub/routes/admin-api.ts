import type { FastifyInstance } from 'fastify';
import type { Administration } from '../admin/administration';
import type { HubContext } from '../context';
import { registerAdminAuditRoutes } from './admin-audit';
import { registerAdminBotRoutes } from './admin-bots';
import { registerAdminPeopleRoutes } from './admin-people';
import { registerAdminQueueRoutes } from './admin-queues';
import { registerAdminScreenRoutes } from './admin-screens';

/** Every `/v1/admin/...` route but the integration callback's own, on one administration. */
export function registerAdminApi(app: FastifyInstance, context: HubContext, admin: Administration) {
  registerAdminPeopleRoutes(app, context, admin);
  registerAdminQueueRoutes(app, context, admin);
  registerAdminBotRoutes(app, context, admin);
  registerAdminScreenRoutes(app, context, admin);
  registerAdminAuditRoutes(app, context, admin);
  return admin;
}
