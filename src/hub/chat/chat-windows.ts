import type { ChatServerMessage, ChatTurn } from '../../shared/chat-protocol';
import type { Message } from '../../shared/conversation';
import type { HubEvent } from '../../shared/protocol';
import type { LoggedEvent } from '../store/events';

export type ChatListener = (message: ChatServerMessage) => void;

export const turnMessage = (turn: ChatTurn): ChatServerMessage => ({ type: 'turn', v: 1, turn });
export const statusMessage = (text: string): ChatServerMessage => ({ type: 'status', v: 1, text });

const WAITING = "Everyone who can help is busy or away right now. You keep your place in the queue, and we'll connect you as soon as someone is free.";
const FAILED = 'Sorry, nobody could take this chat. Write again whenever you like.';
const COMPLETED = 'This chat has been closed. Thank you for your patience.';
const TRANSFERRED = 'You are being transferred to a colleague who can help. Your conversation comes with you.';

/** Whispers are for staff: never relayed to, or replayed for, the customer. */
export const isForCustomer = (message: Message): boolean => message.visibility !== 'staff';
/** What an agent or a supervisor wrote to the customer: its delivery state says whether a window showed it. */
export const isOutgoing = (message: Message): boolean => message.author === 'agent' || message.author === 'supervisor';

export const toChatTurn = (message: { id: string; at: string; author: ChatTurn['author']; authorName?: string; text: string }): ChatTurn => ({
  id: message.id,
  at: message.at,
  author: message.author,
  ...(message.authorName ? { authorName: message.authorName } : {}),
  text: message.text,
});

/**
 * What the customer's window shows of one logged event: the turns they may read, who joined, and
 * the chat's end. Pure; the "<agent> joined the chat." line is a turn of its own.
 */
export function windowMessages(event: HubEvent): ChatServerMessage[] {
  switch (event.type) {
    case 'message:added':
      return isForCustomer(event.message) ? [turnMessage(toChatTurn(event.message))] : [];
    case 'conversation:assigned':
      return [{ type: 'agent-joined', v: 1, agentName: event.conversation.owner.name }];
    case 'routing:waiting':
      return [statusMessage(WAITING)];
    case 'conversation:transferred':
      return [statusMessage(TRANSFERRED)];
    case 'conversation:abandoned':
      return [statusMessage(FAILED), { type: 'closed', v: 1 }];
    case 'conversation:resolved':
      return [statusMessage(COMPLETED), { type: 'rating-request', v: 1 }, { type: 'closed', v: 1 }];
    default:
      return [];
  }
}

interface Window {
  sessionId: string;
  send: ChatListener;
  /** While the window's history is read: every event published meanwhile, shown after the history. */
  held: LoggedEvent[] | null;
  /** The log's seq the history was read at: what is at or below it, the history already showed. */
  shownTo: number;
}

/**
 * The customers' chat windows open on this replica. Every replica follows the whole log, so each
 * shows its own windows every committed turn of their conversation, in seq order and once: a window
 * is held from before its history is read until it is sent, and skips what the history carried.
 */
export function createChatWindows(options: {
  /** Outgoing messages a window on this replica showed: their delivery state becomes "delivered". */
  shown(conversationId: string, messageIds: string[]): void;
}) {
  const bySession = new Map<string, Set<Window>>();
  // Which chat each conversation is, for the chats with a window here: events are matched in memory.
  const sessionOfConversation = new Map<string, string>();

  /** Tells `shown` of the outgoing messages among `events` that some window showed. */
  const reportShown = (events: HubEvent[]): void => {
    const delivered = new Map<string, string[]>();
    for (const event of events) {
      if (event.type !== 'message:added' || !isOutgoing(event.message) || !isForCustomer(event.message)) continue;
      delivered.set(event.conversationId, [...(delivered.get(event.conversationId) ?? []), event.message.id]);
    }
    for (const [conversationId, ids] of delivered) options.shown(conversationId, ids);
  };
  /** Shows a ready window one event, unless its history or an earlier publication carried it. */
  const showTo = (window: Window, event: HubEvent, messages: ChatServerMessage[]): boolean => {
    if (window.held || event.seq <= window.shownTo) return false;
    for (const message of messages) window.send(message);
    window.shownTo = event.seq;
    return true;
  };

  const emit = (sessionId: string, message: ChatServerMessage): void => {
    for (const window of bySession.get(sessionId) ?? []) if (!window.held) window.send(message);
  };

  return {
    /** A socket is joining: events are held for it from now until `ready`. */
    open(sessionId: string, send: ChatListener): Window {
      const window: Window = { sessionId, send, held: [], shownTo: Number.MAX_SAFE_INTEGER };
      const set = bySession.get(sessionId) ?? new Set();
      set.add(window);
      bySession.set(sessionId, set);
      return window;
    },
    /** The history, read at `seq`, was sent: what was held after it is shown, then every event as it comes. */
    ready(window: Window, conversationId: string | null, seq: number): void {
      if (conversationId) sessionOfConversation.set(conversationId, window.sessionId);
      const held = window.held ?? [];
      window.held = null;
      window.shownTo = seq;
      const events = held.map((entry) => entry.event).filter((event) => event.conversationId === conversationId);
      reportShown(events.filter((event) => showTo(window, event, windowMessages(event))));
    },
    /** The socket went: true when it was this chat's last window on this replica. */
    close(window: Window): boolean {
      const set = bySession.get(window.sessionId);
      set?.delete(window);
      if (set && set.size > 0) return false;
      bySession.delete(window.sessionId);
      for (const [conversationId, sessionId] of sessionOfConversation) {
        if (sessionId === window.sessionId) sessionOfConversation.delete(conversationId);
      }
      return true;
    },
    has: (sessionId: string): boolean => bySession.has(sessionId),
    /** The chat handed off (again): its new conversation's events reach its windows here. */
    follow(conversationId: string, sessionId: string): void {
      if (bySession.has(sessionId)) sessionOfConversation.set(conversationId, sessionId);
    },
    /** What the hub says to the chat outside the log (the demo bot's turns, queue place, a rating's thanks). */
    emit,
    /** Something said to whoever has the conversation's chat open here (the agent is typing). */
    toConversation(conversationId: string, message: ChatServerMessage): void {
      const sessionId = sessionOfConversation.get(conversationId);
      if (sessionId) emit(sessionId, message);
    },
    /** The conversations with a window here and their chats. */
    followed: (): [string, string][] => [...sessionOfConversation],
    /** Published events (the log follower's order): each window is shown what its conversation's customer may see. */
    onEvents(logged: LoggedEvent[]): void {
      for (const windows of bySession.values()) {
        for (const window of windows) if (window.held) window.held.push(...logged);
      }
      const shown: HubEvent[] = [];
      for (const { event } of logged) {
        const sessionId = sessionOfConversation.get(event.conversationId);
        if (!sessionId) continue;
        const messages = windowMessages(event);
        let isShown = false;
        for (const window of bySession.get(sessionId) ?? []) isShown = showTo(window, event, messages) || isShown;
        if (isShown) shown.push(event);
      }
      reportShown(shown);
    },
  };
}

export type ChatWindows = ReturnType<typeof createChatWindows>;
export type ChatWindow = Window;
