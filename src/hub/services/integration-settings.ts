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
  const channelOf = (id: string) => {
    const channel = channels.integrationChannel(id);
    return channel ? { platform: channel.platform, settings: maskedSettings(channel.settings) } : null;
  };
  const actorOf = (user: Account) => ({ id: user.id, name: user.name });

  return {
    /** `secret`: 'generate' makes one, returned here once; undefined keeps the current one. */
    setCallback(user: Account, integration: Integration, url: string | null, secret: string | undefined): { isSigned: boolean; generated: string | null } {
      const generated = secret === 'generate' ? newWebhookSecret() : null;
      const isSigned = secret !== undefined || integration.signingSecret !== null;
      db.transaction(() => {
        const before = { callbackUrl: channels.integrationChannel(integration.id)?.callbackUrl ?? null, isSigned: integration.signingSecret !== null };
        callbacks.setCallbackUrl(integration.id, url);
        if (secret !== undefined) deps.accounts.setSigningSecret(integration.id, generated ?? secret);
        const target = { kind: 'integration', id: integration.id };
        audit.record({ at: deps.now().toISOString(), actor: actorOf(user), action: 'integration.callback-set', target, before, after: { callbackUrl: url, isSigned } });
      })();
      return { isSigned, generated };
    },

    setChannel(user: Account, integration: Integration, platform: ChannelPlatform | null, settings: Record<string, unknown>): void {
      db.transaction(() => {
        const before = channelOf(integration.id);
        channels.setIntegrationChannel(integration.id, platform, settings);
        const target = { kind: 'integration', id: integration.id };
        audit.record({ at: deps.now().toISOString(), actor: actorOf(user), action: 'integration.channel-set', target, before, after: channelOf(integration.id) });
      })();
    },
  };
}

export type IntegrationSettings = ReturnType<typeof createIntegrationSettings>;
