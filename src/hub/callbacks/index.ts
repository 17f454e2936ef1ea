import type { FastifyInstance } from 'fastify';
import type { Leadership } from '../cluster/leadership';
import type { ChannelConnector, ChannelConversation } from '../channels/connector';
import { createDeliveryStates } from '../channels/delivery-state';
import type { HubContext } from '../context';
import { createCallbackRepository } from '../store/callbacks';
import type { HubDatabase } from '../store/database';
import { createIntegrationChannelRepository } from '../store/integration-channels';
import { createMessageDeliveryRepository } from '../store/message-delivery';
import { createCallbackDispatcher, type CallbackDispatcher } from './dispatcher';

export { createCallbackDispatcher, type CallbackDispatcher } from './dispatcher';

/**
 * The hub's channel outbox, tied to the app's life: it catches up on what was queued before a
 * restart once the app is ready, and stops before the store closes. Wake it on every publish.
 * `bound` delivers an integration's items in-process (the demo web chat's connector). With
 * replicas only the leader of the 'outbox' job passes; taking it over resumes from the stored cursor.
 */
export function startBotCallbacks(
  app: FastifyInstance,
  db: HubDatabase,
  context: HubContext,
  bound: Record<string, ChannelConnector> = {},
  leadership?: Leadership,
): CallbackDispatcher {
  const dispatcher = createCallbackDispatcher({
    db,
    repository: createCallbackRepository(db),
    channels: createIntegrationChannelRepository(db),
    integrationById: (id) => context.accounts.integrationById(id),
    conversationOf: (id) => channelConversation(context, id),
    deliveryStates: createDeliveryStates(context.service.kernel, createMessageDeliveryRepository(db)),
    now: () => context.now(),
    prepare: (callback, now) => context.attachments.links.freshen(callback, now),
    onError: (error) => app.log.error({ err: error }, 'channel outbox pass failed'),
    isLeader: leadership ? () => leadership.isLeader() : undefined,
  });
  leadership?.onChange((isLeader) => {
    if (isLeader) dispatcher.wake();
  });
  for (const [integrationId, connector] of Object.entries(bound)) dispatcher.bindConnector(integrationId, connector);
  app.addHook('onReady', async () => dispatcher.wake());
  app.addHook('preClose', () => dispatcher.stop());
  return dispatcher;
}

/** What a connector needs to know of a conversation: the platform's own ids the handoff gave. */
export async function channelConversation(context: HubContext, id: string): Promise<ChannelConversation | null> {
  const record = await context.conversations.get(id);
  if (!record) return null;
  const { source, extra } = record.envelope;
  return {
    id,
    envelopeId: record.envelope.id,
    sourceConversationId: source?.conversationId ?? null,
    sourceBot: source?.bot ?? null,
    extra: extra ?? {},
  };
}
