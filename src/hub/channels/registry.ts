import type { ChannelConnector, ChannelPlatform } from './connector';
import { botframeworkConnector } from './botframework';
import { botpressConnector } from './botpress';
import { chatwootConnector } from './chatwoot';
import { genericConnector } from './generic-connector';

/**
 * Which connector carries each platform's outgoing items: one line per platform. The demo web chat
 * is not here: its connector delivers in-process to this hub's widget sockets, so the hub binds it
 * to the web-chat integration when it builds the dispatcher.
 */
export const CHANNEL_CONNECTORS: Partial<Record<ChannelPlatform, ChannelConnector>> = {
  generic: genericConnector('generic'),
  chatwoot: chatwootConnector,
  botpress: botpressConnector,
  botframework: botframeworkConnector,
  'dialogflow-cx': genericConnector('dialogflow-cx'),
  rasa: genericConnector('rasa'),
};

/** The connector of a platform, or null when this hub has none for it. */
export const connectorFor = (platform: ChannelPlatform): ChannelConnector | null => CHANNEL_CONNECTORS[platform] ?? null;

/** Platforms an admin can choose for an integration (the web chat is the hub's own). */
export const CONFIGURABLE_PLATFORMS = ['generic', 'chatwoot', 'botpress', 'botframework', 'dialogflow-cx', 'rasa'] as const satisfies readonly ChannelPlatform[];
