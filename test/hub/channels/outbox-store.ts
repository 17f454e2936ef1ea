import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '../../../src/shared/conversation';
import type { BotCallback } from '../../../src/shared/protocol';
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

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/**
 * A bot's callback endpoint on a fixed loopback port that can go down (connection refused) and come
 * back on the same port; while up it answers what `answerFor` says of an item, else the next queued
 * status and body (then 200).
 */
export async function flakyEndpoint(options: { answerFor?: (item: BotCallback) => { status: number; body?: unknown } | null } = {}) {
  const received: { raw: string; headers: Record<string, string | string[] | undefined>; item: BotCallback }[] = [];
  const answers: { status: number; body?: unknown }[] = [];
  let server: Server | null = null;
  let port = 0;
  const handle = (raw: string, headers: Record<string, string | string[] | undefined>, response: ServerResponse) => {
    const item = JSON.parse(raw) as BotCallback;
    received.push({ raw, headers, item });
    const answer = options.answerFor?.(item) ?? answers.shift() ?? { status: 200 };
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  };
  async function up(): Promise<void> {
    server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      request.on('end', () => handle(raw, request.headers, response));
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }
  async function down(): Promise<void> {
    const closing = server;
    server = null;
    if (!closing) return;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  }
  await up();
  return {
    url: () => `http://127.0.0.1:${port}/warmline`,
    received,
    answer: (...next: { status: number; body?: unknown }[]) => void answers.push(...next),
    up,
    down,
    /** The agents' messages that arrived, by text, in arrival order. */
    texts: () => received.flatMap(({ item }) => (item.type === 'message' ? [item.text] : [])),
  };
}

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
