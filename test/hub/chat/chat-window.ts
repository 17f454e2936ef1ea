import { vi } from 'vitest';
import WebSocket from 'ws';
import type { ChatServerMessage } from '../../../src/shared/chat-protocol';
import type { HubDatabase } from '../../../src/hub/store/database';

/** A customer's chat window over the real socket, joined to the chat of `token`, recording what it is shown. */
export async function chatWindow(url: string, token: string, sockets: WebSocket[]) {
  const received: ChatServerMessage[] = [];
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/chat/stream`);
  sockets.push(socket);
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as ChatServerMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'join', v: 1, token }));
  await vi.waitUntil(() => received.some((message) => message.type === 'history'), { timeout: 15_000 });
  return {
    received,
    say: (text: string, id: string) => socket.send(JSON.stringify({ type: 'say', v: 1, clientMessageId: id, text })),
    close: () => new Promise((resolve) => (socket.once('close', resolve), socket.close())),
  };
}

/** Every turn the window has been shown, from the history replay and live turns alike, in order. */
export const turnsShown = (received: ChatServerMessage[]) =>
  received.flatMap((message) => (message.type === 'history' ? message.turns : message.type === 'turn' ? [message.turn] : []));

/** A new chat for `name`, its window open on `url`, asking for a person; resolves with the handoff's conversation. */
export async function handedOffChat(url: string, db: HubDatabase, name: string, sockets: WebSocket[]) {
  const response = await fetch(`${url}/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  const { token } = (await response.json()) as { token: string };
  const window = await chatWindow(url, token, sockets);
  window.say('I want to talk to a real person', 'n-1');
  const conversationId = await vi.waitFor(
    async () => {
      const row = await db.get<{ conversation_id: string | null }>('SELECT conversation_id FROM chat_sessions WHERE customer_name = ?', [name]);
      if (!row?.conversation_id) throw new Error('no handoff yet');
      return row.conversation_id;
    },
    { timeout: 15_000 },
  );
  return { token, window, conversationId };
}
