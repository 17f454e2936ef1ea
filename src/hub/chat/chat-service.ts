import { randomUUID } from 'node:crypto';
import type { ChatTurn } from '../../shared/chat-protocol';
import type { HandoffEnvelope, Turn } from '../../shared/envelope';
import { newToken } from '../auth/tokens';
import type { HubContext } from '../context';
import type { HubDatabase } from '../store/database';
import type { LoggedEvent } from '../store/events';
import { createChatSessionRepository, type ChatSession } from './chat-sessions';
import { greeting, initialBotState, respond, type BotHandoff } from './demo-bot';

export const WEB_CHAT_INTEGRATION = 'web-chat';
const BOT_NAME = 'Warmline demo bot';

export interface ChatListener {
  (turn: ChatTurn | { status: string }): void;
}

/**
 * The demo web chat: a customer talks to the rule-based bot; on handoff the conversation goes
 * through the same ingest as any bot's, and from then on the customer talks to the agent.
 */
export function createChatService(db: HubDatabase, context: HubContext) {
  const sessions = createChatSessionRepository(db);
  const listeners = new Map<string, Set<ChatListener>>();
  // Conversations whose customer is connected right now: every streamed message is checked here,
  // in memory, rather than in the store.
  const sessionOfConversation = new Map<string, string>();

  const emit = (sessionId: string, item: ChatTurn | { status: string }) => {
    for (const listener of listeners.get(sessionId) ?? []) listener(item);
  };

  const botTurn = (text: string): Turn => ({ id: `b_${randomUUID()}`, at: context.now().toISOString(), author: 'bot', name: BOT_NAME, text });

  function envelopeFor(session: ChatSession, handoff: BotHandoff): HandoffEnvelope {
    return {
      v: 1,
      id: `web-chat:${session.id}:1`,
      source: { platform: 'warmline-web-chat', bot: BOT_NAME, conversationId: session.id },
      customer: { id: session.id, name: session.customerName, verification: { status: 'unverified' } },
      reason: { ...handoff, source: 'bot' },
      fields: session.bot.orderId ? [{ key: 'order_id', label: 'Order', value: session.bot.orderId, verified: false, source: 'bot' }] : [],
      transcript: session.transcript,
      routing: { channel: 'web' },
    };
  }

  function handOff(session: ChatSession, handoff: BotHandoff): void {
    const integration = context.accounts.integrationById(WEB_CHAT_INTEGRATION);
    if (!integration) {
      emit(session.id, { status: 'Sorry, no one is available to take this chat right now.' });
      return;
    }
    const { conversationId } = context.service.ingest(envelopeFor(session, handoff), integration);
    session.conversationId = conversationId;
    if (listeners.has(session.id)) sessionOfConversation.set(conversationId, session.id);
    sessions.save(session);
    const position = context.service.positionInQueue(conversationId);
    emit(session.id, { status: position > 0 ? `You're being transferred to a person. You're number ${position} in the queue.` : "You're being transferred to a person." });
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
        createdAt: context.now().toISOString(),
      };
      session.transcript.push(botTurn(greeting(customerName)));
      sessions.create(session, token);
      return { chatId: session.id, token };
    },

    join(token: string, listener: ChatListener): { session: ChatSession; history: ChatTurn[]; leave(): void } | null {
      const session = sessions.byToken(token);
      if (!session) return null;
      const set = listeners.get(session.id) ?? new Set();
      set.add(listener);
      listeners.set(session.id, set);
      if (session.conversationId) sessionOfConversation.set(session.conversationId, session.id);
      const later = session.conversationId ? context.conversations.messages(session.conversationId) : [];
      const history: ChatTurn[] = [...session.transcript, ...later.map(toChatTurn)];
      const leave = () => {
        set.delete(listener);
        if (set.size > 0) return;
        listeners.delete(session.id);
        for (const [conversationId, sessionId] of sessionOfConversation) {
          if (sessionId === session.id) sessionOfConversation.delete(conversationId);
        }
      };
      return { session, history, leave };
    },

    say(token: string, text: string, clientMessageId: string): void {
      const session = sessions.byToken(token);
      if (!session) return;
      if (session.conversationId) {
        context.service.customerSays(session.conversationId, text, clientMessageId);
        return;
      }
      const customerTurn: Turn = { id: `u_${clientMessageId}`.slice(0, 200), at: context.now().toISOString(), author: 'customer', text };
      if (session.transcript.some((turn) => turn.id === customerTurn.id)) return;
      session.transcript.push(customerTurn);
      emit(session.id, customerTurn);
      const replyTurnId = `b_${randomUUID()}`;
      const reply = respond(session.bot, text, customerTurn.id, replyTurnId);
      const answer = { ...botTurn(reply.text), id: replyTurnId };
      session.bot = reply.state;
      session.transcript.push(answer);
      sessions.save(session);
      emit(session.id, answer);
      if (reply.handoff) handOff(session, reply.handoff);
    },

    /** Relays what the customer may see of published events: messages, never internal ones. */
    onEvents(logged: LoggedEvent[]): void {
      for (const { event } of logged) {
        if (event.type !== 'message:added') continue;
        const sessionId = sessionOfConversation.get(event.conversationId);
        if (sessionId) emit(sessionId, toChatTurn(event.message));
      }
    },
  };
}

const toChatTurn = (message: { id: string; at: string; author: ChatTurn['author']; authorName?: string; text: string }): ChatTurn => ({
  id: message.id,
  at: message.at,
  author: message.author,
  ...(message.authorName ? { authorName: message.authorName } : {}),
  text: message.text,
});

export type ChatService = ReturnType<typeof createChatService>;
