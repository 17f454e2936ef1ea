import type { WebSocket } from 'ws';
import { chatClientMessageSchema, type ChatServerMessage } from '../../shared/chat-protocol';
import { CLOSE_CODES } from '../../shared/protocol';
import { createWebSocketEndpoint } from '../stream/websocket-endpoint';
import { CHAT_LIMITS, createWindowCounter } from './chat-limits';
import type { ChatService } from './chat-service';

export const CHAT_STREAM_PATH = '/v1/chat/stream';

/**
 * The customer's socket: `join` with the chat token, then `say`, `leave` or `rate`; turns, status,
 * queue place and the rating request come back.
 */
export function createChatSocketServer(chat: ChatService, options: { allowedOrigins: (origin: string, host: string | undefined) => boolean }) {
  const endpoint = createWebSocketEndpoint({ maxPayload: 16 * 1024, isOriginAllowed: options.allowedOrigins });
  const { wss } = endpoint;
  const messagesOfChat = createWindowCounter(CHAT_LIMITS.messagesPerChatPerMinute, 60_000);

  wss.on('connection', (socket: WebSocket) => {
    const send = (message: ChatServerMessage) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(message));
    let token: string | null = null;
    let leave: (() => void) | null = null;
    const timer = setTimeout(() => socket.close(CLOSE_CODES.authTimeout, 'join within 5 s'), 5000);

    socket.on('message', (data, isBinary) => {
      let parsed: unknown = null;
      try {
        parsed = isBinary ? null : JSON.parse(data.toString());
      } catch {
        parsed = null;
      }
      const message = chatClientMessageSchema.safeParse(parsed);
      if (!message.success) {
        send({ type: 'error', v: 1, code: 'bad_message', message: 'That message could not be read.' });
        return;
      }
      if (message.data.type === 'join') {
        clearTimeout(timer);
        if (token) return;
        const joined = chat.join(message.data.token, send);
        if (!joined) {
          socket.close(CLOSE_CODES.authFailed, 'unknown chat');
          return;
        }
        token = message.data.token;
        leave = joined.leave;
        send({ type: 'history', v: 1, turns: joined.history });
        joined.afterHistory();
        return;
      }
      if (!token) {
        send({ type: 'error', v: 1, code: 'not_joined', message: 'Join the chat first.' });
        return;
      }
      if (message.data.type === 'say' && !messagesOfChat.take(token)) {
        send({ type: 'error', v: 1, code: 'too_fast', message: 'You are sending messages very fast: wait a moment, then send that one again.' });
        return;
      }
      if (message.data.type === 'say') chat.say(token, message.data.text, message.data.clientMessageId);
      else if (message.data.type === 'leave') chat.leave(token);
      else chat.rate(token, message.data.rating);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      leave?.();
    });
    socket.on('error', () => socket.terminate());
  });

  return { handleUpgrade: endpoint.handleUpgrade, close: endpoint.close };
}
