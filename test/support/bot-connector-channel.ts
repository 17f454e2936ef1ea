import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChannelActivity {
  type: string;
  id?: string;
  text?: string;
  name?: string;
  replyToId?: string;
  from?: { id?: string; name?: string; role?: string };
  conversation?: { id: string };
  attachments?: { contentType?: string; contentUrl?: string; name?: string }[];
  [key: string]: unknown;
}

/**
 * The user's side of a Bot Framework conversation on loopback: a stand-in for the Bot Connector
 * service (the REST API v3 the SDK's ConnectorClient calls at the activity's `serviceUrl`:
 * `POST /v3/conversations/{id}/activities[/{replyToId}]`), as the Emulator provides locally.
 * It records what the bot sends the user and posts the user's activities to the bot.
 */
export async function startBotConnectorChannel() {
  const received: ChannelActivity[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://channel').pathname;
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (request.method !== 'POST' || !match) {
        response.writeHead(404).end();
        return;
      }
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChannelActivity;
      const id = randomUUID();
      received.push({ ...activity, id });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let sequence = 0;

  return {
    serviceUrl,
    /** What the bot sent to the user, in order (messages and anything else it sent). */
    received,
    /** What the user sees: the bot's messages' text in one conversation. */
    textsIn: (conversationId: string): string[] =>
      received.filter((a) => a.type === 'message' && a.conversation?.id === conversationId).map((a) => a.text ?? ''),
    /** Posts a user's activity to the bot as the channel would (Web Chat's shape; the Emulator's when unauthenticated). */
    async send(botMessagesUrl: string, conversationId: string, activity: Partial<ChannelActivity> & { type: string }, user = { id: 'user-1', name: 'User' }, locale = 'en-US') {
      sequence += 1;
      const body = {
        id: `${conversationId}|${String(sequence).padStart(7, '0')}`,
        timestamp: new Date().toISOString(),
        channelId: 'webchat',
        serviceUrl,
        locale,
        from: { ...user, role: 'user' },
        recipient: { id: 'reference-bot', name: 'Reference Bot', role: 'bot' },
        conversation: { id: conversationId },
        ...activity,
      };
      const response = await fetch(botMessagesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the bot answered ${response.status}`);
      return body;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
