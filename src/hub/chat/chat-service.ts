import { randomUUID } from 'node:crypto';
import type { ChatServerMessage, ChatTurn } from '../../shared/chat-protocol';
import { isClosed, type Message } from '../../shared/conversation';
import type { HandoffEnvelope, Turn } from '../../shared/envelope';
import { newToken } from '../auth/tokens';
import type { HubContext } from '../context';
import { ServiceError } from '../services/conversations';
import type { HubDatabase } from '../store/database';
import type { LoggedEvent } from '../store/events';
import { createWebChatConnector, statusMessage, turnMessage } from './chat-connector';
import { botHandoffEnvelope, followUpEnvelope, WEB_CHAT_BOT_NAME } from './chat-envelopes';
import { createChatSessionRepository, type ChatSession } from './chat-sessions';
import { greeting, initialBotState, respond } from './demo-bot';
import { createLeaveGrace } from './leave-grace';
import { createQueueStatus, isWaiting } from './queue-status';

export const WEB_CHAT_INTEGRATION = 'web-chat';

export type ChatListener = (message: ChatServerMessage) => void;

export interface ChatOptions {
  /** How long a customer's socket may be gone before a chat no agent has joined counts as abandoned. */
  leaveGraceMs?: number;
  /** The customer's window is open again: what the outbox could not deliver to it goes now, not at its next backoff. */
  retryDeliveries?(conversationId: string): void;
  /** Where a customer's socket reports a failure no answer can carry (default: stderr). */
  onError?(error: unknown): void;
}

/**
 * What one change shows the customer, held until its write commits: a turn they saw must be a
 * turn the hub kept. `queues` are the chats whose queue place to tell afterwards.
 */
interface Shown {
  messages: { sessionId: string; message: ChatServerMessage }[];
  queues: { sessionId: string; conversationId: string }[];
}

/**
 * The demo web chat: a customer talks to the rule-based bot; on handoff the conversation goes
 * through the same ingest as any bot's, and from then on the customer talks to the agent. While
 * waiting they see their position and an estimated wait; leaving before an agent joins abandons
 * the handoff; once resolved they are asked for a rating; writing again opens a linked handoff.
 */
export function createChatService(db: HubDatabase, context: HubContext, options: ChatOptions = {}) {
  const sessions = createChatSessionRepository(db);
  const queueStatus = createQueueStatus(db, context);
  const { kernel } = context.service;
  const onError = options.onError ?? ((error: unknown) => console.error('web chat:', error));
  // The customers connected to this process: their sockets, and which chat each conversation is,
  // so every streamed event is matched in memory rather than in the store.
  const listeners = new Map<string, Set<ChatListener>>();
  const sessionOfConversation = new Map<string, string>();
  const lastQueueText = new Map<string, string>();
  // Set on shutdown: sockets closing as the hub stops must not start abandon timers on a closing store.
  let isStopped = false;

  const emit = (sessionId: string, message: ChatServerMessage) => {
    for (const listener of listeners.get(sessionId) ?? []) listener(message);
  };

  /**
   * Runs one change of a chat in one write (the services' own, so what it logs is published once,
   * after the commit), then shows the customer what it committed.
   */
  async function change(work: (shown: Shown) => Promise<void>): Promise<void> {
    const shown: Shown = { messages: [], queues: [] };
    await kernel.transact(() => work(shown));
    for (const { sessionId, message } of shown.messages) emit(sessionId, message);
    for (const { sessionId, conversationId } of shown.queues) await pushQueue(sessionId, conversationId);
  }

  /** Tells the customer where they are in the queue, when it changed since they were last told. */
  async function pushQueue(sessionId: string, conversationId: string): Promise<void> {
    const current = await queueStatus.of(conversationId);
    const text = current?.text ?? '';
    if (lastQueueText.get(sessionId) === text) return;
    lastQueueText.set(sessionId, text);
    const estimate = current?.estimate;
    const position = estimate && estimate.kind !== 'not-waiting' ? estimate.position : 0;
    const etaMs = estimate?.kind === 'estimated' ? estimate.etaMs : estimate?.kind === 'next' ? 0 : null;
    emit(sessionId, { type: 'queue', v: 1, position, etaMs, text });
  }

  async function handOff(session: ChatSession, envelope: HandoffEnvelope, previousConversationId: string | null, shown: Shown): Promise<void> {
    const integration = await context.accounts.integrationById(WEB_CHAT_INTEGRATION);
    if (!integration) {
      shown.messages.push({ sessionId: session.id, message: statusMessage('Sorry, no one is available to take this chat right now.') });
      return;
    }
    const { conversationId } = await context.service.ingest(envelope, integration, { previousConversationId });
    session.conversationId = conversationId;
    session.handoffs += 1;
    await sessions.save(session);
    lastQueueText.delete(session.id);
    if (listeners.has(session.id)) sessionOfConversation.set(conversationId, session.id);
    shown.messages.push({ sessionId: session.id, message: statusMessage("You're being transferred to a person.") });
    shown.queues.push({ sessionId: session.id, conversationId });
  }

  /** Decides on what it reads, so it runs inside its caller's write. */
  async function abandonIfWaiting(conversationId: string | null, why: string): Promise<boolean> {
    if (!conversationId || !isWaiting(await context.conversations.get(conversationId))) return false;
    await context.service.abandon(conversationId, why);
    return true;
  }

  const leaveGrace = createLeaveGrace({
    sessions,
    graceMs: options.leaveGraceMs ?? 60_000,
    now: () => context.now(),
    write: (work) => kernel.transact(work),
    detach: (work) => void kernel.detach(work),
    // A customer connected to this process has cleared `left_at` on joining, so the claim fails for them.
    expire: async (sessionId) => void (await abandonIfWaiting((await sessions.byId(sessionId))?.conversationId ?? null, 'the customer closed the chat window')),
  });

  const botTurn = (text: string, id = `b_${randomUUID()}`): Turn => ({ id, at: context.now().toISOString(), author: 'bot', name: WEB_CHAT_BOT_NAME, text });

  async function talkToBot(session: ChatSession, text: string, clientMessageId: string, shown: Shown): Promise<void> {
    const customerTurn: Turn = { id: `u_${clientMessageId}`.slice(0, 200), at: context.now().toISOString(), author: 'customer', text };
    if (session.transcript.some((turn) => turn.id === customerTurn.id)) return;
    session.transcript.push(customerTurn);
    shown.messages.push({ sessionId: session.id, message: turnMessage(customerTurn) });
    const replyTurnId = `b_${randomUUID()}`;
    const reply = respond(session.bot, text, customerTurn.id, replyTurnId);
    const answer = botTurn(reply.text, replyTurnId);
    session.bot = reply.state;
    session.transcript.push(answer);
    await sessions.save(session);
    shown.messages.push({ sessionId: session.id, message: turnMessage(answer) });
    if (reply.handoff) await handOff(session, botHandoffEnvelope(session, reply.handoff), null, shown);
  }

  /** Writing after the chat was closed opens a new handoff linked to the closed one. */
  async function writeAgain(session: ChatSession, previousId: string, text: string, clientMessageId: string, shown: Shown): Promise<void> {
    const turn: Turn = { id: `u_${clientMessageId}`.slice(0, 200), at: context.now().toISOString(), author: 'customer', text };
    shown.messages.push({ sessionId: session.id, message: { type: 'new-conversation', v: 1 } }, { sessionId: session.id, message: turnMessage(turn) });
    await handOff(session, followUpEnvelope(session, turn), previousId, shown);
  }

  /** The socket went away: a waiting customer gets a grace period to come back before abandoning. */
  async function socketGone(sessionId: string): Promise<void> {
    if (isStopped) return;
    // Read again, in the write that marks it: the chat may have been handed off since this socket joined.
    const leftAt = await kernel.transact(async () => {
      // Back already (another socket joined meanwhile): no grace to start.
      if (listeners.has(sessionId)) return null;
      const conversationId = (await sessions.byId(sessionId))?.conversationId ?? null;
      if (!conversationId || !isWaiting(await context.conversations.get(conversationId))) return null;
      const at = context.now().toISOString();
      await sessions.markLeft(sessionId, at);
      return at;
    });
    if (leftAt && !listeners.has(sessionId)) leaveGrace.arm(sessionId, leftAt);
  }

  return {
    /** Where the chat's sockets report what failed outside a request. */
    onError,

    async start(customerName: string): Promise<{ chatId: string; token: string }> {
      const token = newToken();
      const session: ChatSession = {
        id: `chat_${randomUUID()}`,
        customerName,
        conversationId: null,
        bot: initialBotState(),
        transcript: [],
        handoffs: 0,
        createdAt: context.now().toISOString(),
      };
      session.transcript.push(botTurn(greeting(customerName)));
      await sessions.create(session, token);
      return { chatId: session.id, token };
    },

    /** A socket joins: it sends `history`, then calls `afterHistory` to learn where the chat stands (queue or rating). */
    async join(
      token: string,
      listener: ChatListener,
    ): Promise<{ session: ChatSession; history: ChatTurn[]; afterHistory(): Promise<void>; leave(): Promise<void> } | null> {
      const session = await sessions.byToken(token);
      if (!session) return null;
      const set = listeners.get(session.id) ?? new Set();
      set.add(listener);
      listeners.set(session.id, set);
      leaveGrace.cancel(session.id);
      // In a write: it lands after any mark of this chat's socket going away that is still committing.
      await kernel.transact(() => sessions.clearLeft(session.id));
      if (session.conversationId) sessionOfConversation.set(session.conversationId, session.id);
      const later = session.conversationId ? (await context.conversations.messages(session.conversationId)).filter(isForCustomer) : [];
      const history: ChatTurn[] = [...session.transcript, ...later.map(toChatTurn)];
      lastQueueText.delete(session.id);
      const leave = async () => {
        set.delete(listener);
        if (set.size > 0) return;
        listeners.delete(session.id);
        for (const [conversationId, sessionId] of sessionOfConversation) {
          if (sessionId === session.id) sessionOfConversation.delete(conversationId);
        }
        await socketGone(session.id);
      };
      const afterHistory = async () => {
        await afterJoin(session.id, session.conversationId);
        if (session.conversationId) options.retryDeliveries?.(session.conversationId);
      };
      return { session, history, leave, afterHistory };
    },

    say(token: string, text: string, clientMessageId: string): Promise<void> {
      return change(async (shown) => {
        const session = await sessions.byToken(token);
        if (!session) return;
        if (!session.conversationId) return talkToBot(session, text, clientMessageId, shown);
        const record = await context.conversations.get(session.conversationId);
        // Closed: the customer wrote again, which opens a new handoff linked to the closed one.
        if (record && isClosed(record.state)) return writeAgain(session, session.conversationId, text, clientMessageId, shown);
        await context.service.customerSays(session.conversationId, text, clientMessageId);
      });
    },

    /** The customer closed the chat on purpose: before an agent joined, that abandons the handoff. */
    leave(token: string): Promise<void> {
      return change(async (shown) => {
        const session = await sessions.byToken(token);
        if (!session || !(await abandonIfWaiting(session.conversationId, 'the customer left the chat'))) return;
        shown.messages.push(
          { sessionId: session.id, message: statusMessage("You've left the queue. Write again whenever you like.") },
          { sessionId: session.id, message: { type: 'closed', v: 1 } },
        );
      });
    },

    async rate(token: string, rating: number): Promise<void> {
      const session = await sessions.byToken(token);
      if (!session?.conversationId) return;
      try {
        await context.service.rate(session.conversationId, rating);
        emit(session.id, statusMessage('Thank you for your rating.'));
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        emit(session.id, statusMessage(error.code === 'already_rated' ? 'You have already rated this chat. Thank you!' : 'This chat cannot be rated yet.'));
      }
    },

    /** Relays what the customer may see of published events, and keeps their queue place current. */
    onEvents(logged: LoggedEvent[]): void {
      const touchedQueues = new Set<string>();
      for (const { event, queue } of logged) {
        touchedQueues.add(queue);
        // Agents' and supervisors' messages reach the customer through the web-chat connector.
        if (event.type !== 'message:added' || !isForCustomer(event.message) || isOutgoing(event.message)) continue;
        const sessionId = sessionOfConversation.get(event.conversationId);
        if (sessionId) emit(sessionId, turnMessage(toChatTurn(event.message)));
      }
      if (sessionOfConversation.size > 0) void kernel.detach(() => pushQueues(touchedQueues));
    },

    /** The web chat's channel connector: the hub's outbox delivers to this process's chat windows. */
    connector: createWebChatConnector({
      sessionOf: (conversationId) => sessionOfConversation.get(conversationId),
      emit,
      isClosed: async (conversationId) => {
        const record = await context.conversations.get(conversationId);
        return record !== null && isClosed(record.state);
      },
    }),

    stop(): void {
      isStopped = true;
      leaveGrace.stop();
    },
  };

  /** Every connected customer waiting in a queue the events touched is told their place, if it moved. */
  async function pushQueues(touchedQueues: ReadonlySet<string>): Promise<void> {
    for (const [conversationId, sessionId] of [...sessionOfConversation]) {
      const record = await context.conversations.get(conversationId);
      if (record && touchedQueues.has(record.queue)) await pushQueue(sessionId, conversationId);
    }
  }

  /** After history: the queue place of a waiting chat, who has an assigned one, or that it is over (and still unrated). */
  async function afterJoin(sessionId: string, conversationId: string | null): Promise<void> {
    if (!conversationId) return;
    const record = await context.conversations.get(conversationId);
    if (!record) return;
    if (record.state === 'resolved' && (await context.conversations.view(record)).rating == null) emit(sessionId, { type: 'rating-request', v: 1 });
    else await pushQueue(sessionId, conversationId);
    const isWithPerson = record.owner.kind === 'agent' || record.owner.kind === 'supervisor';
    if (isWithPerson && !isClosed(record.state)) emit(sessionId, { type: 'agent-joined', v: 1, agentName: record.owner.name });
    if (isClosed(record.state)) emit(sessionId, { type: 'closed', v: 1 });
  }
}

/** Whispers are for staff: never relayed to, or replayed for, the customer. */
const isForCustomer = (message: Message): boolean => message.visibility !== 'staff';
const isOutgoing = (message: Message): boolean => message.author === 'agent' || message.author === 'supervisor';

const toChatTurn = (message: { id: string; at: string; author: ChatTurn['author']; authorName?: string; text: string }): ChatTurn => ({
  id: message.id,
  at: message.at,
  author: message.author,
  ...(message.authorName ? { authorName: message.authorName } : {}),
  text: message.text,
});

export type ChatService = ReturnType<typeof createChatService>;
