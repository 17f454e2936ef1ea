import { randomUUID } from 'node:crypto';
import type { ChatServerMessage, ChatTurn } from '../../shared/chat-protocol';
import { isClosed } from '../../shared/conversation';
import type { HandoffEnvelope, Turn } from '../../shared/envelope';
import { newToken } from '../auth/tokens';
import { createDeliveryStates } from '../channels/delivery-state';
import type { HubContext } from '../context';
import { ServiceError } from '../services/conversations';
import type { HubDatabase } from '../store/database';
import type { LoggedEvent } from '../store/events';
import { createMessageDeliveryRepository } from '../store/message-delivery';
import { botHandoffEnvelope, followUpEnvelope, WEB_CHAT_BOT_NAME } from './chat-envelopes';
import { createChatSessionRepository, type ChatSession } from './chat-sessions';
import { createChatWindows, isForCustomer, isOutgoing, statusMessage, toChatTurn, turnMessage, type ChatListener } from './chat-windows';
import { greeting, initialBotState, respond } from './demo-bot';
import { createLeaveGrace } from './leave-grace';
import { createQueueStatus, isWaiting } from './queue-status';

export const WEB_CHAT_INTEGRATION = 'web-chat';
/** The channel an agent's message to the web chat is delivered on, as its delivery state names it. */
const WEB_CHAT_CHANNEL = 'web-chat';

export type { ChatListener } from './chat-windows';

export interface ChatOptions {
  /** How long a customer's socket may be gone before a chat no agent has joined counts as abandoned. */
  leaveGraceMs?: number;
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
  const deliveryStates = createDeliveryStates(kernel, createMessageDeliveryRepository(db));
  /** A window showed these outgoing messages: the agent sees them delivered (a repeat from another window changes nothing). */
  const markDelivered = (conversationId: string, messageIds: readonly string[]): void =>
    void kernel.detach(() =>
      kernel.transact(async (logged) => {
        for (const id of messageIds) await deliveryStates.set(conversationId, id, { state: 'delivered', channel: WEB_CHAT_CHANNEL }, logged);
      }),
    );
  const windows = createChatWindows({ shown: markDelivered });
  const lastQueueText = new Map<string, string>();
  // Set on shutdown: sockets closing as the hub stops must not start abandon timers on a closing store.
  let isStopped = false;

  const emit = windows.emit;

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
    windows.follow(conversationId, session.id);
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
      if (windows.has(sessionId)) return null;
      const conversationId = (await sessions.byId(sessionId))?.conversationId ?? null;
      if (!conversationId || !isWaiting(await context.conversations.get(conversationId))) return null;
      const at = context.now().toISOString();
      await sessions.markLeft(sessionId, at);
      return at;
    });
    if (leftAt && !windows.has(sessionId)) leaveGrace.arm(sessionId, leftAt);
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
      const found = await sessions.byToken(token);
      if (!found) return null;
      // Held from before the history is read: what commits meanwhile is shown after it, once.
      const window = windows.open(found.id, listener);
      leaveGrace.cancel(found.id);
      const leave = async () => {
        if (windows.close(window)) await socketGone(found.id);
      };
      let snapshot;
      try {
        // One write: the history and the log's seq it reaches are read with nothing committing
        // between them, and it lands after any mark of this chat's socket going away still committing.
        snapshot = await kernel.transact(async () => {
          await sessions.clearLeft(found.id);
          const session = (await sessions.byId(found.id)) ?? found;
          const seq = await context.events.latestSeq();
          const later = session.conversationId ? (await context.conversations.messages(session.conversationId)).filter(isForCustomer) : [];
          return { session, seq, later };
        });
      } catch (error) {
        await leave();
        throw error;
      }
      const { session, seq, later } = snapshot;
      const history: ChatTurn[] = [...session.transcript, ...later.map(toChatTurn)];
      lastQueueText.delete(session.id);
      const afterHistory = async () => {
        windows.ready(window, session.conversationId, seq);
        const unseen = later.filter((message) => isOutgoing(message) && message.delivery?.state !== 'delivered');
        if (session.conversationId && unseen.length > 0) markDelivered(session.conversationId, unseen.map((message) => message.id));
        await afterJoin(session.id, session.conversationId);
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
      windows.onEvents(logged);
      if (windows.followed().length > 0) void kernel.detach(() => pushQueues(new Set(logged.map(({ queue }) => queue))));
    },

    /** The conversation's agent is typing: its chat's windows on this replica show it. */
    agentTyping(conversationId: string): void {
      windows.toConversation(conversationId, { type: 'typing', v: 1 });
    },

    stop(): void {
      isStopped = true;
      leaveGrace.stop();
    },
  };

  /** Every connected customer waiting in a queue the events touched is told their place, if it moved. */
  async function pushQueues(touchedQueues: ReadonlySet<string>): Promise<void> {
    for (const [conversationId, sessionId] of windows.followed()) {
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

export type ChatService = ReturnType<typeof createChatService>;
