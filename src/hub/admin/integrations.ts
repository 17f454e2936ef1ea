import type { IntegrationInput, IntegrationPatch, IntegrationPlatform, IntegrationSettings, IntegrationWithToken } from '../../shared/admin';
import { INTEGRATION_PLATFORMS } from '../../shared/admin';
import { newToken } from '../auth/tokens';
import { WEB_CHAT_INTEGRATION } from '../chat/chat-service';
import { createIntegrationAdminRepository, type IntegrationAdminRow } from '../store/integration-admin';
import { createIntegrationChannelRepository } from '../store/integration-channels';
import type { Actor, Administration } from './administration';
import { checkChannelSettings, maskedSettings } from './channel-settings';
import { AdminProblem, notFound } from './problem';

/** Where each platform's bot posts its handoffs on this hub. */
const HANDOFF_PATHS: Record<IntegrationPlatform, string> = {
  generic: '/v1/handoffs',
  chatwoot: '/v1/integrations/chatwoot',
  botpress: '/v1/integrations/botpress',
  botframework: '/v1/integrations/botframework',
  'dialogflow-cx': '/v1/integrations/dialogflow-cx',
  rasa: '/v1/integrations/rasa',
};

const isPlatform = (value: string): value is IntegrationPlatform => (INTEGRATION_PLATFORMS as readonly string[]).includes(value);

/** Bot integrations: one per platform and bot, a token shown once, rotated with an overlap, revoked. */
export function createIntegrationAdmin(admin: Administration) {
  const rows = createIntegrationAdminRepository(admin.db);
  const channels = createIntegrationChannelRepository(admin.db);

  async function view(row: IntegrationAdminRow): Promise<IntegrationSettings> {
    const channel = await channels.integrationChannel(row.id);
    const platform = channel && isPlatform(channel.platform) ? channel.platform : 'generic';
    return {
      id: row.id,
      name: row.name,
      platform,
      defaultQueue: row.defaultQueue,
      handoffPath: HANDOFF_PATHS[platform],
      settings: maskedSettings(channel?.settings ?? {}),
      callbackUrl: row.callbackUrl,
      isSigned: row.isSigned,
      revokedAt: row.revokedAt,
      previousTokenExpiresAt: row.previousTokenExpiresAt,
      lastDelivery: await rows.lastDelivery(row.id),
    };
  }
  const requireRow = async (id: string): Promise<IntegrationAdminRow> => {
    const row = id === WEB_CHAT_INTEGRATION ? null : await rows.get(id);
    if (!row) throw notFound('integration');
    return row;
  };
  const requireQueue = async (queue: string): Promise<void> => {
    if (!(await admin.accounts.queueExists(queue))) throw new AdminProblem('unknown_reference', `unknown queue: ${queue}`, [{ path: 'defaultQueue', message: `unknown queue: ${queue}` }]);
  };
  const settingsOrThrow = (platform: IntegrationPlatform, settings: Record<string, unknown>) => {
    const checked = checkChannelSettings(platform, settings);
    if (!checked.ok) throw new AdminProblem('invalid_channel_settings', `The ${platform} channel settings: ${checked.problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, checked.problems);
    return checked.value;
  };

  return {
    async list(): Promise<IntegrationSettings[]> {
      const views: IntegrationSettings[] = [];
      for (const row of await rows.list(WEB_CHAT_INTEGRATION)) views.push(await view(row));
      return views;
    },

    /** `fixedToken` is for the demo seed only, whose public token the README names; the API never sends it. */
    create(actor: Actor, input: IntegrationInput, fixedToken?: string): Promise<IntegrationWithToken> {
      return admin.change(actor, 'integration.created', { kind: 'integration', id: input.id }, async () => {
        if (await rows.get(input.id)) throw new AdminProblem('duplicate_integration', `An integration ${input.id} already exists.`, [{ path: 'id', message: 'already in use' }]);
        await requireQueue(input.defaultQueue);
        const settings = settingsOrThrow(input.platform, input.settings);
        const token = fixedToken ?? newToken();
        await admin.accounts.saveIntegration(input.id, input.name, token, input.defaultQueue);
        await rows.stampCreated(input.id, admin.now());
        await channels.setIntegrationChannel(input.id, input.platform, settings);
        const integration = await view(await requireRow(input.id));
        return { result: { integration, token }, after: integration };
      });
    },

    update(actor: Actor, id: string, patch: IntegrationPatch): Promise<IntegrationSettings> {
      return admin.change(actor, 'integration.updated', { kind: 'integration', id }, async () => {
        const row = await requireRow(id);
        const before = await view(row);
        if (patch.defaultQueue) await requireQueue(patch.defaultQueue);
        await rows.update(id, patch.name ?? row.name, patch.defaultQueue ?? row.defaultQueue);
        if (patch.settings) {
          const stored = (await channels.integrationChannel(id))?.settings ?? {};
          await channels.setIntegrationChannel(id, before.platform, settingsOrThrow(before.platform, { ...stored, ...patch.settings }));
        }
        const after = await view(await requireRow(id));
        return { result: after, before, after };
      });
    },

    /** A new token, shown once; the old one keeps working for `overlapMinutes` while the bot is redeployed. */
    rotateToken(actor: Actor, id: string, overlapMinutes: number): Promise<IntegrationWithToken> {
      return admin.change(actor, 'integration.token-rotated', { kind: 'integration', id }, async () => {
        const row = await requireRow(id);
        if (row.revokedAt) throw new AdminProblem('revoked', `${row.name} is revoked: create a new integration instead.`);
        const token = newToken();
        await rows.rotate(id, token, new Date(admin.now().getTime() + overlapMinutes * 60_000));
        const integration = await view(await requireRow(id));
        return { result: { integration, token }, before: { previousTokenExpiresAt: row.previousTokenExpiresAt }, after: { previousTokenExpiresAt: integration.previousTokenExpiresAt } };
      });
    },

    /** Every token of it stops working at once. */
    revoke(actor: Actor, id: string): Promise<IntegrationSettings> {
      return admin.change(actor, 'integration.revoked', { kind: 'integration', id }, async () => {
        const before = await view(await requireRow(id));
        await rows.revoke(id, admin.now());
        const after = await view(await requireRow(id));
        return { result: after, before, after };
      });
    },
  };
}
