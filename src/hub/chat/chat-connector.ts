import type { ChatServerMessage, ChatTurn } from '../../shared/chat-protocol';
import type { BotCallback } from '../../shared/protocol';
import type { ChannelConnector, DeliveryOutcome } from '../channels/connector';

export const turnMessage = (turn: ChatTurn): ChatServerMessage => ({ type: 'turn', v: 1, turn });
export const statusMessage = (text: string): ChatServerMessage => ({ type: 'status', v: 1, text });

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

export interface WebChatConnectorDeps {
  /** The chat whose window is open on this process for a conversation, if any. */
  sessionOf(conversationId: string): string | undefined;
  emit(sessionId: string, message: ChatServerMessage): void;
  isClosed(conversationId: string): Promise<boolean>;
}

/**
 * The web chat's channel connector: the hub's outbox delivers in-process to the customer's open
 * chat window. A message for a closed window is retried (and shown to the agent as retrying);
 * the window replays the transcript when it opens again, and drops the repeat by its id.
 */
export function createWebChatConnector(deps: WebChatConnectorDeps): ChannelConnector {
  return {
    platform: 'web-chat',
    async deliver(_id: string, item: BotCallback): Promise<DeliveryOutcome> {
      const sessionId = deps.sessionOf(item.conversationId);
      if (item.type === 'message') {
        if (!sessionId) return { ok: false, error: "The customer's chat window is closed.", retry: true };
        const { messageId: id, at, author, authorName, text } = item;
        deps.emit(sessionId, turnMessage({ id, at, author, authorName, text }));
        return { ok: true };
      }
      // A status for a closed window is moot: it shows the chat's state when it opens again.
      if (!sessionId) return { ok: true };
      const text = CALLBACK_TEXT[item.type];
      if (text) deps.emit(sessionId, statusMessage(text));
      if (item.type === 'accepted') deps.emit(sessionId, { type: 'agent-joined', v: 1, agentName: item.agentName });
      if (item.type === 'completed') deps.emit(sessionId, { type: 'rating-request', v: 1 });
      if ((item.type === 'completed' || item.type === 'failed') && (await deps.isClosed(item.conversationId))) deps.emit(sessionId, { type: 'closed', v: 1 });
      return { ok: true };
    },
  };
}
