import type { Integration } from '../store/accounts';
import type { IntegrationChannelRepository } from '../store/integration-channels';
import type { ChannelConnector, ChannelConversation, ChannelPlatform } from './connector';
import { connectorFor as registryConnector } from './registry';

/** How long after the agent's last typing signal the platform is told they stopped (the desk signals every few seconds). */
const OFF_AFTER_MS = 6_000;

export interface ChannelTypingDeps {
  channels: Pick<IntegrationChannelRepository, 'integrationChannel'>;
  integrationById(id: string): Integration | null;
  conversationOf(id: string): ChannelConversation | null;
  now(): Date;
  connectorFor?(platform: ChannelPlatform): ChannelConnector | null;
  offAfterMs?: number;
}

/**
 * "The agent is typing" in the customer's own channel, where the platform shows it (Chatwoot's
 * typing status, Bot Framework's typing activity). Ephemeral like the supervisors' typing relay:
 * never stored, never retried, a failure only logged away. One "on" per burst of typing, "off"
 * once the signals stop, so the platform is not called on every signal.
 */
export function createChannelTyping(deps: ChannelTypingDeps) {
  const connectorFor = deps.connectorFor ?? registryConnector;
  const offAfterMs = deps.offAfterMs ?? OFF_AFTER_MS;
  const bursts = new Map<string, NodeJS.Timeout>();

  function send(conversationId: string, integrationId: string, isTyping: boolean): void {
    const channel = deps.channels.integrationChannel(integrationId);
    const connector = channel ? connectorFor(channel.platform) : null;
    if (!channel || !connector?.typing) return;
    const integration = deps.integrationById(integrationId);
    const conversation = deps.conversationOf(conversationId);
    if (!integration || !conversation) return;
    const context = { integration, settings: channel.settings, callbackUrl: channel.callbackUrl, conversation, now: deps.now() };
    void connector.typing(isTyping, context).catch(() => undefined);
  }

  return {
    agentTyping(conversationId: string, integrationId: string): void {
      const running = bursts.get(conversationId);
      if (running) clearTimeout(running);
      else send(conversationId, integrationId, true);
      const off = setTimeout(() => {
        bursts.delete(conversationId);
        send(conversationId, integrationId, false);
      }, offAfterMs);
      off.unref();
      bursts.set(conversationId, off);
    },
    stop(): void {
      for (const timer of bursts.values()) clearTimeout(timer);
      bursts.clear();
    },
  };
}

export type ChannelTyping = ReturnType<typeof createChannelTyping>;
