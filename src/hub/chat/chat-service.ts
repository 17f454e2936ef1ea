import { randomUUID } from 'node:crypto';
import type { ChatServerMessage, ChatTurn } from '../../shared/chat-protocol';
import { isClosed, type Message } from '../../shared/conversation';
import type { Turn } from '../../shared/envelope';
import type { BotCallback } from '../../shared/protocol';
import { newToken } from '../auth/tokens';
import type { ChannelConnector, DeliveryOutcome } from '../channels/connector';
import type { HubContext } from '../context';
import { ServiceError } from '../services/conversations';
import type { HubDatabase } from '../store/database';
import type { LoggedEvent } from '../store/events';
import { botHandoffEnvelope, followUpEnvelope, WEB_CHAT_BOT_NAME } from './chat-envelopes';
import { createChatSessionRepository, type ChatSession } from './chat-sessions';
import { greeting, initialBotState, respond } from './demo-bot';
import { createQueueStatus } from './queue-status';

export const WEB_CHAT_INTEGRATION = 'web-chat';

export type ChatListener = (message: ChatServerMessage) => void;

export interface ChatOptions {
  /** How long a customer's socket may be gone before a chat no agent has joined counts as abandoned. */
  leaveGraceMs?: number;
  /** The customer's window is open again: what the outbox could not deliver to it goes now, not at its next backoff. */
  retryDeliveries?(conversationId: string): void;
}

const turnMessage = (turn: ChatTurn): ChatServerMessage => ({ type: 'turn', v: 1, turn });
const status = (text: string): ChatServerMessage => ({ type: 'status', v: 1, text });

/** What the customer is told of the items the hub sends to their chat (messages are shown as turns). */
const CALLBACK_TEXT: Record<BotCallback['type'], string | null> = {
  // The hub's own "<agent> joined the chat." line already says it, in the transcript.
  accepted: null,
  waiting: "Everyone who can help is busy or away right now. You keep your place in the queue, and we'll connect you as soon as someone is free.",
  failed: 'Sorry, nobody could take this chat. Write again whenever you like.',
  completed: 'This chat has been closed. Thank you for your patience.',
  message: null,
  transferred: 'You are being transferred to a colleague who can help. Your conversation comes with you.',
};

/**
 * The demo web chat: a customer talks to the rule-based bot; on handoff the conversation goes
 * through the same ingest as any bot's, and from then on the customer talks to the agent. While
 * waiting they see their position and an estimated wait; leaving before an agent joins abandons
 * the handoff; once resolved they are asked for a rating; writing again opens a linked handoff.
 */
export function createChatService(db: HubDatabase, context: HubContext, options: ChatOptions = {}) {
  const sessions = createChatSessionRepository(db);
  const queueStatus = createQueueStatus(db, context);
  const leaveGraceMs = options.leaveGraceMs ?? 60_000;
  const listeners = new Map<string, Set<ChatListener>>();
  // Conversations whose customer is connected right now: every streamed event is checked here,
  // in memory, rather than in the store.
  const sessionOfConversation = new Map<string, string>();
  const lastQueueText = new Map<string, string>();
  const leaveTimers = new Map<string, NodeJS.Timeout>();
  // Set on shutdown: sockets closing as the hub stops must not start abandon timers on a closing store.
  let isStopped = false;

  const emit = (sessionId: string, message: ChatServerMessage) => {
    for (const listener of listeners.get(sessionId) ?? []) listener(message);
  };

  /** Tells the customer where they are in the queue, when it changed since they were last told. */
  function pushQueue(sessionId: string, conversationId: string): void {
    const current = queueStatus.of(conversationId);
    const text = current?.text ?? '';
    if (lastQueueText.get(sessionId) === text) return;
    lastQueueText.set(sessionId, text);
    const estimate = current?.estimate;
    const position = estimate && estimate.kind !== 'not-waiting' ? estimate.position : 0;
    const etaMs = estimate?.kind === 'estimated' ? estimate.etaMs : estimate?.kind === 'next' ? 0 : null;
    emit(sessionId, { type: 'queue', v: 1, position, etaMs, text });
  }

  function handOff(session: ChatSession, envelope: ReturnType<typeof botHandoffEnvelope>, previousConversationId: string | null): void {
    const integration = context.accounts.integrationById(WEB_CHAT_INTEGRATION);
    if (!integration) {
      emit(session.id, status('Sorry, no one is available to take this chat right now.'));
      return;
    }
    const { conversationId } = context.service.ingest(envelope, integration, { previousConversationId });
    session.conversationId = conversationId;
    session.handoffs += 1;
    sessions.save(session);
    lastQueueText.delete(session.id);
    if (listeners.has(session.id)) sessionOfConversation.set(conversationId, session.id);
    emit(session.id, status("You're being transferred to a person."));
    pushQueue(session.id, conversationId);
  }

  const isWaiting = (conversationId: string) => queueStatus.of(conversationId) !== null;

  function abandonIfWaiting(session: ChatSession, why: string): boolean {
    if (!session.conversationId || !isWaiting(session.conversationId)) return false;
    try {
      context.service.abandon(session.conversationId, why);
      return true;
    } catch (error) {
      // An agent accepted in the meantime: the chat goes on.
      if (error instanceof ServiceError && error.code === 'invalid_state') return false;
      throw error;
    }
  }

  /** Abandons the chat once the grace is over, unless the customer came back in the meantime. */
  function armLeaveTimer(sessionId: string, delayMs: number): void {
    const timer = setTimeout(() => {
      leaveTimers.delete(sessionId);
      if (isStopped || listeners.has(sessionId)) return;
      sessions.clearLeft(sessionId);
      const latest = sessions.byId(sessionId);
      if (latest) abandonIfWaiting(latest, 'the customer closed the chat window');
    }, Math.max(0, delayMs));
    timer.unref();
    leaveTimers.set(sessionId, timer);
  }

  // After a restart: graces that were running when the hub stopped go on from when the customer left;
  // those already over are settled at once (on the next tick, once the hub is assembled).
  for (const { id, leftAt } of sessions.left()) armLeaveTimer(id, Date.parse(leftAt) + leaveGraceMs - context.now().getTime());

  const botTurn = (text: string, id = `b_${randomUUID()}`): Turn => ({ id, at: context.now().toISOString(), author: 'bot', name: WEB_CHAT_BOT_NAME, text });

  function talkToBot(session: ChatSession, text: string, clientMessageId: string): void {
    const customerTurn: Turn = { id: `u_${clientMessageId}`.slice(0, 200), at: context.now().toISOString(), author: 'customer', text };
    if (session.transcript.some((turn) => turn.id === customerTurn.id)) return;
    session.transcript.push(customerTurn);
    emit(session.id, turnMessage(customerTurn));
    const replyTurnId = `b_${randomUUID()}`;
    const reply = respond(session.bot, text, customerTurn.id, replyTurnId);
    const answer = botTurn(reply.text, replyTurnId);
    session.bot = reply.state;
    session.transcript.push(answer);
    sessions.save(session);
    emit(session.id, turnMessage(answer));
    if (reply.handoff) handOff(session, botHandoffEnvelope(session, reply.handoff), null);
  }

  /** Writing after the chat was closed opens a new handoff linked to the closed one. */
  function writeAgain(session: ChatSession, previousId: string, text: string, clientMessageId: string): void {
    const turn: Turn = { id: `u_${clientMessageId}`.slice(0, 200), at: context.now().toISOString(), author: 'customer', text };
    emit(session.id, { type: 'new-conversation', v: 1 });
    emit(session.id, turnMessage(turn));
    handOff(session, followUpEnvelope(session, turn), previousId);
  }

  return {
    start(customerName: string): { chatId: string; token: string } {
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
      sessions.create(session, token);
      return { chatId: session.id, token };
    },

    /** A socket joins: it sends `history`, then calls `afterHistory` to learn where the chat stands (queue or rating). */
    join(token: string, listener: ChatListener): { session: ChatSession; history: ChatTurn[]; afterHistory(): void; leave(): void } | null {
      const session = sessions.byToken(token);
      if (!session) return null;
      const set = listeners.get(session.id) ?? new Set();
      set.add(listener);
      listeners.set(session.id, set);
      clearTimeout(leaveTimers.get(session.id));
      leaveTimers.delete(session.id);
      sessions.clearLeft(session.id);
      if (session.conversationId) sessionOfConversation.set(session.conversationId, session.id);
      const later = session.conversationId ? context.conversations.messages(session.conversationId).filter(isForCustomer) : [];
      const history: ChatTurn[] = [...session.transcript, ...later.map(toChatTurn)];
      lastQueueText.delete(session.id);
      const leave = () => {
        set.delete(listener);
        if (set.size > 0) return;
        listeners.delete(session.id);
        for (const [conversationId, sessionId] of sessionOfConversation) {
          if (sessionId === session.id) sessionOfConversation.delete(conversationId);
        }
        // The socket went away: give the customer a grace period to come back before abandoning.
        // Read again: the chat may have been handed off since this socket joined.
        const conversationId = isStopped ? null : sessions.byId(session.id)?.conversationId;
        if (conversationId && isWaiting(conversationId)) {
          sessions.markLeft(session.id, context.now().toISOString());
          armLeaveTimer(session.id, leaveGraceMs);
        }
      };
      const afterHistory = () => {
        afterJoin(session.id, session.conversationId);
        if (session.conversationId) options.retryDeliveries?.(session.conversationId);
      };
      return { session, history, leave, afterHistory };
    },

    say(token: string, text: string, clientMessageId: string): void {
      const session = sessions.byToken(token);
      if (!session) return;
      if (!session.conversationId) return talkToBot(session, text, clientMessageId);
      try {
        context.service.customerSays(session.conversationId, text, clientMessageId);
      } catch (error) {
        if (!(error instanceof ServiceError && error.code === 'conversation_closed')) throw error;
        writeAgain(session, session.conversationId, text, clientMessageId);
      }
    },

    /** The customer closed the chat on purpose: before an agent joined, that abandons the handoff. */
    leave(token: string): void {
      const session = sessions.byToken(token);
      if (!session) return;
      if (abandonIfWaiting(session, 'the customer left the chat')) {
        emit(session.id, status("You've left the queue. Write again whenever you like."));
        emit(session.id, { type: 'closed', v: 1 });
      }
    },

    rate(token: string, rating: number): void {
      const session = sessions.byToken(token);
      if (!session?.conversationId) return;
      try {
        context.service.rate(session.conversationId, rating);
        emit(session.id, status('Thank you for your rating.'));
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        emit(session.id, status(error.code === 'already_rated' ? 'You have already rated this chat. Thank you!' : 'This chat cannot be rated yet.'));
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
      for (const [conversationId, sessionId] of sessionOfConversation) {
        const record = context.conversations.get(conversationId);
        if (record && touchedQueues.has(record.queue)) pushQueue(sessionId, conversationId);
      }
    },

    /**
     * The web chat's channel connector: the hub's outbox delivers in-process to the customer's open
     * chat window. A message for a closed window is retried (and shown to the agent as retrying);
     * the window replays the transcript when it opens again, and drops the repeat by its id.
     */
    connector: {
      platform: 'web-chat',
      deliver: async (_id: string, item: BotCallback): Promise<DeliveryOutcome> => {
        const sessionId = sessionOfConversation.get(item.conversationId);
        if (item.type === 'message') {
          if (!sessionId) return { ok: false, error: "The customer's chat window is closed.", retry: true };
          const { messageId: id, at, author, authorName, text } = item;
          emit(sessionId, turnMessage({ id, at, author, authorName, text }));
          return { ok: true };
        }
        // A status for a closed window is moot: it shows the chat's state when it opens again.
        if (!sessionId) return { ok: true };
        const text = CALLBACK_TEXT[item.type];
        if (text) emit(sessionId, status(text));
        if (item.type === 'accepted') emit(sessionId, { type: 'agent-joined', v: 1, agentName: item.agentName });
        if (item.type === 'completed') emit(sessionId, { type: 'rating-request', v: 1 });
        if (item.type === 'completed' || item.type === 'failed') emitIfClosed(sessionId, item.conversationId);
        return { ok: true };
      },
    } satisfies ChannelConnector,

    stop(): void {
      isStopped = true;
      for (const timer of leaveTimers.values()) clearTimeout(timer);
      leaveTimers.clear();
    },
  };

  /** After history: the queue place of a waiting chat, who has an assigned one, or that it is over (and still unrated). */
  function afterJoin(sessionId: string, conversationId: string | null): void {
    if (!conversationId) return;
    const record = context.conversations.get(conversationId);
    if (!record) return;
    if (record.state === 'resolved' && context.conversations.view(record).rating == null) emit(sessionId, { type: 'rating-request', v: 1 });
    else pushQueue(sessionId, conversationId);
    const isWithPerson = record.owner.kind === 'agent' || record.owner.kind === 'supervisor';
    if (isWithPerson && !isClosed(record.state)) emit(sessionId, { type: 'agent-joined', v: 1, agentName: record.owner.name });
    emitIfClosed(sessionId, conversationId);
  }

  function emitIfClosed(sessionId: string, conversationId: string): void {
    const record = context.conversations.get(conversationId);
    if (record && isClosed(record.state)) emit(sessionId, { type: 'closed', v: 1 });
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
