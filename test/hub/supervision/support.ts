import WebSocket from 'ws';
import type { ChatServerMessage } from '../../../src/shared/chat-protocol';
import type { RunningHub } from '../../../src/hub/server';
import { envelope, openStream, postHandoff, signIn } from '../../support/hub';

/** An HTTP caller with a session token, answering status and JSON. */
export function caller(baseUrl: string, token: string) {
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : null) as T };
  };
}

/** A handoff offered to and accepted by agent@demo, with the agent's stream open. */
export async function assignedConversation(running: RunningHub) {
  const agentToken = await signIn(running.url, 'agent@demo');
  const agentStream = await openStream(running.url, agentToken);
  await agentStream.waitFor(() => agentStream.messages.find((message) => message.type === 'welcome'));
  const conversationId = (await postHandoff(running.url, envelope())).json.conversationId!;
  await agentStream.waitFor(() => agentStream.events().find((event) => event.type === 'conversation:offered' && event.conversationId === conversationId));
  const agent = caller(running.url, agentToken);
  const accepted = await agent('POST', `/v1/conversations/${conversationId}/accept`);
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status}`);
  return { conversationId, agent, agentToken, agentStream };
}

/** The demo web chat as a customer: join, talk, and what they were shown. */
export async function customerChat(baseUrl: string, name: string, rejoinToken?: string) {
  const token = rejoinToken ?? (await startChat(baseUrl, name));
  const received: ChatServerMessage[] = [];
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/v1/chat/stream`);
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as ChatServerMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'join', v: 1, token }));
  let counter = 0;
  return {
    token,
    received,
    say: (text: string) => socket.send(JSON.stringify({ type: 'say', v: 1, clientMessageId: `m${(counter += 1)}`, text })),
    texts: () =>
      received.flatMap((message) => (message.type === 'turn' ? [message.turn.text] : message.type === 'history' ? message.turns.map((turn) => turn.text) : [])),
    close: () => socket.close(),
  };
}

async function startChat(baseUrl: string, name: string): Promise<string> {
  const started = await fetch(`${baseUrl}/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  return ((await started.json()) as { token: string }).token;
}
