import { CHANNEL_PLATFORMS, type ChannelPlatform } from '../channels/connector';
import type { HubDatabase } from './database';
import { channelSettingsPurpose, secretBoxOf } from './secret-box';

/** Where an integration's conversations go on after the handoff, and what its connector needs. */
export interface IntegrationChannel {
  platform: ChannelPlatform;
  /** The platform's settings (base URL, account id, API token…); secrets included, never echoed to clients. */
  settings: Record<string, unknown>;
  /** Where the generic connector POSTs (the integration's callback URL), or null. */
  callbackUrl: string | null;
}

interface ChannelRow {
  channel_platform: string | null;
  channel_settings: string | null;
  callback_url: string | null;
}

const isChannelPlatform = (value: string): value is ChannelPlatform => (CHANNEL_PLATFORMS as readonly string[]).includes(value);

const GET = 'SELECT channel_platform, channel_settings, callback_url FROM integrations WHERE id = ?';
const SET = 'UPDATE integrations SET channel_platform = ?, channel_settings = ? WHERE id = ?';

/**
 * The single place an integration's channel settings are read and written: encryption at rest
 * belongs inside these two functions, and nothing else touches the columns.
 */
export function createIntegrationChannelRepository(db: HubDatabase) {
  const box = secretBoxOf(db);
  return {
    /**
     * The integration's channel, or null when nothing goes out to it. An integration with a
     * callback URL and no platform chosen speaks the generic connector (the hub's own contract).
     */
    async integrationChannel(integrationId: string): Promise<IntegrationChannel | null> {
      const row = await db.get<ChannelRow>(GET, [integrationId]);
      if (!row) return null;
      const stored = row.channel_platform !== null && isChannelPlatform(row.channel_platform) ? row.channel_platform : null;
      const platform = stored ?? (row.callback_url ? 'generic' : null);
      if (!platform) return null;
      const settings = row.channel_settings ? (JSON.parse(box.open(row.channel_settings, channelSettingsPurpose(integrationId))) as Record<string, unknown>) : {};
      return { platform, settings, callbackUrl: row.callback_url };
    },
    /** Sets (or with null clears) the integration's platform and its settings; false when there is no such integration. */
    async setIntegrationChannel(integrationId: string, platform: ChannelPlatform | null, settings: Record<string, unknown> = {}): Promise<boolean> {
      const sealed = platform === null ? null : box.seal(JSON.stringify(settings), channelSettingsPurpose(integrationId));
      return (await db.run(SET, [platform, sealed, integrationId])).changes === 1;
    },
  };
}

export type IntegrationChannelRepository = ReturnType<typeof createIntegrationChannelRepository>;
