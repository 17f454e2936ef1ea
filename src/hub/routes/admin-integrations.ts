import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseWith } from '../../shared/validation';
import { requireUser, type HubContext } from '../context';
import { CONFIGURABLE_PLATFORMS } from '../channels/registry';
import type { IntegrationSettings } from '../services/integration-settings';
import { sendError } from './errors';

interface IdParams {
  id: string;
}

/**
 * `secret`: "generate" makes a new one, returned once in this answer and never again; a `whsec_`
 * string is the admin's own; absent keeps the current one. The secret is the integration's single
 * Standard Webhooks secret: the hub signs its callbacks with it and requires the bot's webhooks to
 * be signed with it, so setting one where there was none makes unsigned handoffs from that bot fail.
 */
export const callbackSettingsSchema = z.strictObject({
  url: z.string().trim().min(1).max(2000).nullable(),
  secret: z.union([z.literal('generate'), z.string().regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ and at least 32 base64 characters')]).optional(),
});

/**
 * The integration's channel: its platform and that platform's settings (Chatwoot's base URL,
 * account id and API access token; Botpress's webhook URL…). Flat values only; secrets among them
 * are stored and never sent back: the answer names the keys that are set.
 */
export const channelSettingsSchema = z.strictObject({
  platform: z.enum(CONFIGURABLE_PLATFORMS).nullable(),
  settings: z
    .record(z.string().min(1).max(100), z.union([z.string().max(4000), z.number(), z.boolean()]))
    .refine((settings) => Object.keys(settings).length <= 50, 'at most 50 settings')
    .optional(),
});

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
const isLoopbackHost = (hostname: string) => LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/** Null when the hub may POST callbacks there: https anywhere, plain http only to this machine. */
export function callbackUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry credentials; sign with the secret instead';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? null : 'must be https (plain http only to localhost)';
  return `must be https, not ${url.protocol}`;
}

/**
 * Admin settings of an integration: where the hub sends its status callbacks, and the secret they
 * are signed with. Admins only; anyone else is refused before anything is read or written.
 */
export function registerAdminIntegrationRoutes(app: FastifyInstance, context: HubContext, settings: IntegrationSettings): void {

  app.put<{ Params: IdParams }>('/v1/admin/integrations/:id/callback', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (user.role !== 'admin') return sendError(reply, 'forbidden', 'Integration settings are for admins.');
    const parsed = parseWith(callbackSettingsSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "url": "https://…" | null, "secret"?: "generate" | "whsec_…" }.', parsed.problems);
    const { url, secret } = parsed.value;
    const problem = url === null ? null : callbackUrlProblem(url);
    if (problem) return sendError(reply, 'invalid_callback_url', `The callback URL ${problem}.`, [{ path: 'url', message: problem }]);
    const integration = await context.accounts.integrationById(request.params.id);
    if (!integration) return sendError(reply, 'not_found', 'No such integration.');

    const { isSigned, generated } = await settings.setCallback(user, integration, url, secret);
    return { integrationId: integration.id, callbackUrl: url, isSigned, ...(generated ? { secret: generated } : {}) };
  });

  app.put<{ Params: IdParams }>('/v1/admin/integrations/:id/channel', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (user.role !== 'admin') return sendError(reply, 'forbidden', 'Integration settings are for admins.');
    const parsed = parseWith(channelSettingsSchema, request.body);
    if (!parsed.ok) {
      return sendError(reply, 'invalid_request', `Send { "platform": ${CONFIGURABLE_PLATFORMS.map((p) => `"${p}"`).join(' | ')} | null, "settings"?: { … } }.`, parsed.problems);
    }
    const integration = await context.accounts.integrationById(request.params.id);
    if (!integration) return sendError(reply, 'not_found', 'No such integration.');
    const { platform, settings: values = {} } = parsed.value;
    await settings.setChannel(user, integration, platform, values);
    return { integrationId: integration.id, platform, settingKeys: platform === null ? [] : Object.keys(values).sort() };
  });
}
