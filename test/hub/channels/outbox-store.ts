import { randomUUID } from 'node:crypto';
import type { Message } from '../../../src/shared/conversation';
import { createCallbackDispatcher } from '../../../src/hub/callbacks/dispatcher';
import { createDeliveryStates } from '../../../src/hub/channels/delivery-state';
import { createConversationService } from '../../../src/hub/services/conversations';
import { createPresence } from '../../../src/hub/services/presence';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { createCallbackRepository } from '../../../src/hub/store/callbacks';
import { createConversationRepository } from '../../../src/hub/store/conversations';
import { openHubDatabase } from '../../../src/hub/store/database';
import { createEventLog, type LoggedEvent } from '../../../src/hub/store/events';
import { createMessageDeliveryRepository } from '../../../src/hub/store/message-delivery';
import { envelope } from '../../support/hub';
import { channelDeps } from '../callbacks/connector-support';

export { flakyEndpoint } from './flaky-endpoint';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/**
 * A hub store with its conversation service and the channel outbox over it, wired as app.ts wires
 * them (the outbox is woken by every publish and logs delivery states through the kernel).
 */
export function outboxStore(file: string, options: { backoffMs?: () => number } = {}) {
  const db = openHubDatabase(file);
  const accounts = createAccountRepository(db);
  accounts.saveQueue('support', 'Support');
  accounts.saveIntegration('returns-bot', 'Returns bot', 'token-1', 'support', SECRET);
  const conversations = createConversationRepository(db);
  const callbacks = createCallbackRepository(db);
  const listeners: ((logged: LoggedEvent[]) => void)[] = [];
  const published: LoggedEvent[] = [];
  const service = createConversationService({
    db,
    accounts,
    conversations,
    events: createEventLog(db),
    presence: createPresence(() => Date.now()),
    now: () => new Date(),
    offerTimeoutMs: null,
    publish: (logged) => {
      published.push(...logged);
      listeners.forEach((listener) => listener(logged));
    },
  });
  const dispatcher = createCallbackDispatcher({
    db,
    repository: callbacks,
    ...channelDeps(db, conversations),
    integrationById: (id) => accounts.integrationById(id),
    deliveryStates: createDeliveryStates(service.kernel, createMessageDeliveryRepository(db)),
    now: () => new Date(),
    backoffMs: options.backoffMs ?? (() => 50),
  });
  listeners.push((logged) => dispatcher.wake(logged));
  const integration = accounts.integrationById('returns-bot')!;
  const { kernel } = service;

  return {
    db,
    callbacks,
    dispatcher,
    published,
    conversations,
    handOff: (envelopeId: string) => service.ingest(envelope({ id: envelopeId }), integration).conversationId,
    /** An agent's reply, written exactly as the kernel writes every message. */
    agentSays(conversationId: string, text: string, extra: Partial<Message> = {}): Message {
      return kernel.transact((logged) => {
        const message: Message = { id: `m_${randomUUID()}`, conversationId, at: kernel.now(), author: 'agent', authorName: 'Alex Agent', text, ...extra };
        return kernel.addMessage(kernel.requireRecord(conversationId), message, logged);
      });
    },
    deliveryOf: (conversationId: string, messageId: string) => conversations.messages(conversationId).find((message) => message.id === messageId)?.delivery,
    close(): void {
      dispatcher.stop();
      service.stop();
      db.close();
    },
  };
}
