import type { FastifyInstance } from 'fastify';
import type { WorkstationSettings } from '../../shared/admin';
import { requireUser, type HubContext } from '../context';
import type { HubSettings } from '../store/hub-settings';

/** `GET /v1/me/settings`: the admin's defaults a signed-in workstation applies (its cache's retention). */
export function registerWorkstationSettingsRoutes(app: FastifyInstance, context: HubContext, settings: HubSettings): void {
  app.get('/v1/me/settings', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const answer: WorkstationSettings = { cacheRetentionDays: (await settings.retention()).desktopCacheDays };
    return answer;
  });
}
