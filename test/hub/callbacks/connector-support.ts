import type { BotCallback } from '../../../src/shared/protocol';
import type { ChannelConnector } from '../../../src/hub/channels/connector';
import type { ConversationRepository } from '../../../src/hub/store/conversations';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createIntegrationChannelRepository } from '../../../src/hub/store/integration-channels';

/** What the dispatcher reads of a store besides its outbox: the channels and each conversation's source. */
export function channelDeps(db: HubDatabase, conversations: ConversationRepository) {
  return {
    channels: createIntegrationChannelRepository(db),
    conversationOf: async (id: string) => {
      const record = await conversations.get(id);
      if (!record) return null;
      const { source, extra } = record.envelope;
      return { id, envelopeId: record.envelope.id, sourceConversationId: source?.conversationId ?? null, sourceBot: source?.bot ?? null, extra: extra ?? {} };
    },
  };
}

/** An in-process connector that hands each item to `receive` (throwing makes it retry). */
export const inProcess = (receive: (item: BotCallback, id: string) => void): ChannelConnector => ({
  platform: 'web-chat',
  deliver: async (id, item) => {
    receive(item, id);
    return { ok: true };
  },
});
