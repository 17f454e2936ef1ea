import type { WebSocket } from 'ws';
import { chatClientMessageSchema, type ChatServerMessage } from '../../shared/chat-protocol';
import { CLOSE_CODES } from '../../shared/protocol';
import { StoreUnavailableError } from '../store/sql/sql';
import { createWebSocketEndpoint } from '../stream/websocket-endpoint';
import type { ChatLimits } from './chat-limits';
import type { ChatService } from './chat-service';

export const CHAT_STREAM_PATH = '/v1/chat/stream';

/** What the customer reads when the hub could not keep what they just did (its store unreachable). */
const NOT_SAVED = 'That did not go through. Send it again in a moment.';

/**
 * The customer's socket: `join` with the chat token, then `say`, `leave` or `rate`; turns, status,
 * queue place and the rating request come back.
 */
export function createChatSocketServer(chat: ChatService, options: { allowedOrigins: (origin: string, host: string | undefined) => boolean; limits: ChatLimits }) {
  const endpoint = createWebSocketEndpoint({ maxPayload: 16 * 1024, isOriginAllowed: options.allowedOrigins });
  const { wss } = endpoint;

  wss.on('connection', (socket: WebSocket) => {
    const send = (message: ChatServerMessage) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(message));
    let token: string | null = null;
    let leave: (() => Promise<void>) | null = null;
    const timer = setTimeout(() => socket.close(CLOSE_CODES.authTimeout, 'join within 5 s'), 5000);
    // One message at a time, in the order sent: the customer's words keep their order, and a close
    // waits for the join before it.
    let turn: Promise<void> = Promise.resolve();
    const inTurn = (step: () => Promise<void>) => {
      turn = turn.then(step).catch((error: unknown) => {
        send({ type: 'error', v: 1, code: 'not_saved', message: NOT_SAVED });
        // The widget reconnects with backoff and joins again once the store is back.
        if (error instanceof StoreUnavailableError) socket.close(CLOSE_CODES.storeUnavailable, 'store unavailable');
        else chat.onError(error);
      });
    };

    async function receive(parsed: unknown): Promise<void> {
      const message = chatClientMessageSchema.safeParse(parsed);
      if (!message.success) {
        send({ type: 'error', v: 1, code: 'bad_message', message: 'That message could not be read.' });
        return;
      }
      if (message.data.type === 'join') {
        clearTimeout(timer);
        if (token) return;
        const joined = await chat.join(message.data.token, send);
        if (!joined) {
          socket.close(CLOSE_CODES.authFailed, 'unknown chat');
          return;
        }
        token = message.data.token;
        leave = joined.leave;
        send({ type: 'history', v: 1, turns: joined.history });
        await joined.afterHistory();
        return;
      }
      if (!token) {
        send({ type: 'error', v: 1, code: 'not_joined', message: 'Join the chat first.' });
        return;
      }
      if (message.data.type === 'say' && !(await options.limits.message(token)).allowed) {
        send({ type: 'error', v: 1, code: 'too_fast', message: 'You are sending messages very fast: wait a moment, then send that one again.' });
        return;
      }
      if (message.data.type === 'say') await chat.say(token, message.data.text, message.data.clientMessageId);
      else if (message.data.type === 'leave') await chat.leave(token);
      else await chat.rate(token, message.data.rating);
    }

    socket.on('message', (data, isBinary) => {
      let parsed: unknown = null;
      try {
        parsed = isBinary ? null : JSON.parse(data.toString());
      } catch {
        parsed = null;
      }
      inTurn(() => receive(parsed));
    });
    socket.on('close', () => {
      clearTimeout(timer);
      inTurn(async () => leave?.());
    });
    socket.on('error', () => socket.terminate());
  });

  return { handleUpgrade: endpoint.handleUpgrade, close: endpoint.close };
}
