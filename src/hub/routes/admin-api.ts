import type { FastifyInstance } from 'fastify';
import { createAdministration, type AdministrationDeps } from '../admin/administration';
import type { HubContext } from '../context';
import type { HubDatabase } from '../store/database';
import { registerAdminAuditRoutes } from './admin-audit';
import { registerAdminBotRoutes } from './admin-bots';
import { registerAdminPeopleRoutes } from './admin-people';
import { registerAdminQueueRoutes } from './admin-queues';
import { registerAdminScreenRoutes } from './admin-screens';

/** Every `/v1/admin/...` route but the integration callback's own, on one administration. */
export function registerAdminApi(app: FastifyInstance, context: HubContext, options: { db: HubDatabase; disconnectUser: AdministrationDeps['disconnectUser'] }) {
  const admin = createAdministration({ ...options, accounts: context.accounts, conversations: context.conversations, service: context.service, now: context.now });
  registerAdminPeopleRoutes(app, context, admin);
  registerAdminQueueRoutes(app, context, admin);
  registerAdminBotRoutes(app, context, admin);
  registerAdminScreenRoutes(app, context, admin);
  registerAdminAuditRoutes(app, context, admin);
  return admin;
}
