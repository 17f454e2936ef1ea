import type { Integration } from '../store/accounts';
import type { IntegrationChannelRepository } from '../store/integration-channels';
import type { ChannelConnector, ChannelConversation, ChannelPlatform } from './connector';
import { connectorFor as registryConnector } from './registry';

/** How long after the agent's last typing signal the platform is told they stopped (the desk signals every few seconds). */
const OFF_AFTER_MS = 6_000;

export interface ChannelTypingDeps {
  channels: Pick<IntegrationChannelRepository, 'integrationChannel'>;
  integrationById(id: string): Promise<Integration | null>;
  conversationOf(id: string): Promise<ChannelConversation | null>;
  now(): Date;
  connectorFor?(platform: ChannelPlatform): ChannelConnector | null;
  offAfterMs?: number;
  /** Where a failure to read the store or reach the platform is told; typing is best effort either way. */
  onError?(error: unknown): void;
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
  const onError = deps.onError ?? (() => undefined);
  // Per process: a burst is one agent's typing seen by the replica their desktop posts to.
  const bursts = new Map<string, NodeJS.Timeout>();

  async function send(conversationId: string, integrationId: string, isTyping: boolean): Promise<void> {
    const channel = await deps.channels.integrationChannel(integrationId);
    const connector = channel ? connectorFor(channel.platform) : null;
    if (!channel || !connector?.typing) return;
    const integration = await deps.integrationById(integrationId);
    const conversation = await deps.conversationOf(conversationId);
    if (!integration || !conversation) return;
    const context = { integration, settings: channel.settings, callbackUrl: channel.callbackUrl, conversation, now: deps.now() };
    await connector.typing(isTyping, context);
  }
  const sendSoon = (conversationId: string, integrationId: string, isTyping: boolean): void =>
    void send(conversationId, integrationId, isTyping).catch(onError);

  return {
    agentTyping(conversationId: string, integrationId: string): void {
      const running = bursts.get(conversationId);
      if (running) clearTimeout(running);
      else sendSoon(conversationId, integrationId, true);
      const off = setTimeout(() => {
        bursts.delete(conversationId);
        sendSoon(conversationId, integrationId, false);
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
