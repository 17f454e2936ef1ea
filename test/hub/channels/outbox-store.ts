import { randomUUID } from 'node:crypto';
import type { Message } from '../../../src/shared/conversation';
import { createCallbackDispatcher } from '../../../src/hub/callbacks/dispatcher';
import { createDeliveryStates } from '../../../src/hub/channels/delivery-state';
import { createConversationService } from '../../../src/hub/services/conversations';
import { createPresence } from '../../../src/hub/services/presence';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { createCallbackRepository } from '../../../src/hub/store/callbacks';
import { createConversationRepository } from '../../../src/hub/store/conversations';
import { openHubStore } from '../../../src/hub/store/database';
import { createEventLog, type LoggedEvent } from '../../../src/hub/store/events';
import { createMessageDeliveryRepository } from '../../../src/hub/store/message-delivery';
import { envelope } from '../../support/hub';
import { channelDeps } from '../callbacks/connector-support';

export { flakyEndpoint } from './flaky-endpoint';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/**
 * A hub store with its conversation service and the channel outbox over it, wired as app.ts wires
 * them (the outbox is woken by every publish and logs delivery states through the kernel).
 * `where` is the store of the suite's backend (`testDatabase()` or `restartableTestDatabase()`).
 */
export async function outboxStore(where: { databaseFile?: string; databaseUrl?: string }, options: { backoffMs?: () => number } = {}) {
  const db = await openHubStore(where.databaseUrl ? { url: where.databaseUrl } : { file: where.databaseFile ?? ':memory:' });
  const accounts = createAccountRepository(db);
  // A restart opens the same store again: what the first start saved is there already.
  if (!(await accounts.integrationById('returns-bot'))) {
    await accounts.saveQueue('support', 'Support');
    await accounts.saveIntegration('returns-bot', 'Returns bot', 'token-1', 'support', SECRET);
  }
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
  const integration = (await accounts.integrationById('returns-bot'))!;
  const { kernel } = service;
  let isOpen = true;

  return {
    db,
    callbacks,
    dispatcher,
    published,
    conversations,
    get isOpen(): boolean {
      return isOpen;
    },
    handOff: async (envelopeId: string) => (await service.ingest(envelope({ id: envelopeId }), integration)).conversationId,
    /** An agent's reply, written exactly as the kernel writes every message. */
    agentSays(conversationId: string, text: string, extra: Partial<Message> = {}): Promise<Message> {
      return kernel.transact(async (logged) => {
        const message: Message = { id: `m_${randomUUID()}`, conversationId, at: kernel.now(), author: 'agent', authorName: 'Alex Agent', text, ...extra };
        return kernel.addMessage(await kernel.requireRecord(conversationId), message, logged);
      });
    },
    deliveryOf: async (conversationId: string, messageId: string) => (await conversations.messages(conversationId)).find((message) => message.id === messageId)?.delivery,
    /** The delivery states of `sent`, in its order. */
    statesOf: async (conversationId: string, sent: readonly Message[]) => {
      const stored = await conversations.messages(conversationId);
      return sent.map((message) => stored.find((candidate) => candidate.id === message.id)?.delivery?.state);
    },
    async close(): Promise<void> {
      isOpen = false;
      await dispatcher.stop();
      await service.stop();
      await db.close();
    },
  };
}
