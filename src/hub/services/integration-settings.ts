import { maskedSettings } from '../admin/channel-settings';
import { newWebhookSecret } from '../auth/webhook-signature';
import type { ChannelPlatform } from '../channels/connector';
import type { Account, AccountRepository, Integration } from '../store/accounts';
import { createAuditRepository } from '../store/audit';
import { createCallbackRepository } from '../store/callbacks';
import type { HubDatabase } from '../store/database';
import { createIntegrationChannelRepository } from '../store/integration-channels';

/**
 * An admin's settings of an integration: where its status callbacks go with their signing secret,
 * and its channel. Each change is one transaction that also records it in the audit log, secrets
 * masked or left out.
 */
export function createIntegrationSettings(db: HubDatabase, deps: { accounts: AccountRepository; now(): Date }) {
  const callbacks = createCallbackRepository(db);
  const channels = createIntegrationChannelRepository(db);
  const audit = createAuditRepository(db);
  const channelOf = async (id: string) => {
    const channel = await channels.integrationChannel(id);
    return channel ? { platform: channel.platform, settings: maskedSettings(channel.settings) } : null;
  };
  const actorOf = (user: Account) => ({ id: user.id, name: user.name });

  return {
    /** `secret`: 'generate' makes one, returned here once; undefined keeps the current one. */
    async setCallback(
      user: Account,
      integration: Integration,
      url: string | null,
      secret: string | undefined,
    ): Promise<{ isSigned: boolean; generated: string | null }> {
      const generated = secret === 'generate' ? newWebhookSecret() : null;
      // The before state is read in the write it is recorded with, not from the request's earlier read.
      const isSigned = await db.write(async () => {
        const wasSigned = ((await deps.accounts.integrationById(integration.id)) ?? integration).signingSecret !== null;
        const before = { callbackUrl: (await channels.integrationChannel(integration.id))?.callbackUrl ?? null, isSigned: wasSigned };
        const after = { callbackUrl: url, isSigned: secret !== undefined || wasSigned };
        await callbacks.setCallbackUrl(integration.id, url);
        if (secret !== undefined) await deps.accounts.setSigningSecret(integration.id, generated ?? secret);
        const target = { kind: 'integration', id: integration.id };
        await audit.record({ at: deps.now().toISOString(), actor: actorOf(user), action: 'integration.callback-set', target, before, after });
        return after.isSigned;
      });
      return { isSigned, generated };
    },

    async setChannel(user: Account, integration: Integration, platform: ChannelPlatform | null, settings: Record<string, unknown>): Promise<void> {
      await db.write(async () => {
        const before = await channelOf(integration.id);
        await channels.setIntegrationChannel(integration.id, platform, settings);
        const target = { kind: 'integration', id: integration.id };
        await audit.record({ at: deps.now().toISOString(), actor: actorOf(user), action: 'integration.channel-set', target, before, after: await channelOf(integration.id) });
      });
    },
  };
}

export type IntegrationSettings = ReturnType<typeof createIntegrationSettings>;
