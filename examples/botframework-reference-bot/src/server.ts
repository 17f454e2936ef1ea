import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type Request, type Response, type Storage } from 'botbuilder';
import { ReferenceBot } from './bot';
import { createEscalations } from './escalations';
import { HandoffMiddleware } from './handoff-middleware';
import { createHubEndpoint } from './hub-endpoint';
import type { HubSettings } from './hub-client';

export interface ReferenceBotOptions extends HubSettings {
  port: number;
  host?: string;
  /** The bot's Microsoft App credentials; empty for the Emulator and local channels. */
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  /** Where escalations and conversation state live: MemoryStorage by default; Blob or Cosmos storage to survive a restart. */
  storage?: Storage;
}

export interface RunningReferenceBot {
  url: string;
  /** Where the channel (or Emulator) posts user activities. */
  messagesUrl: string;
  /** Where the hub posts agents' messages and handoff statuses: the integration's callback URL. */
  warmlineUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Starts the bot: `POST /api/messages` for the channel, `POST /api/warmline` for the hub. */
export async function startReferenceBot(options: ReferenceBotOptions): Promise<RunningReferenceBot> {
  const appId = options.microsoftAppId ?? '';
  const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: appId, MicrosoftAppPassword: options.microsoftAppPassword ?? '' });
  const adapter = new CloudAdapter(auth);
  const storage = options.storage ?? new MemoryStorage();
  const escalations = createEscalations(storage);
  const relay = new HandoffMiddleware(options, escalations, new ConversationState(storage));
  adapter.use(relay);
  adapter.onTurnError = async (context, error) => {
    console.error('[reference bot] turn failed:', error instanceof Error ? error.message : error);
    await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
  };
  const bot = new ReferenceBot(relay, escalations);
  const hubEndpoint = createHubEndpoint({ adapter, bot, escalations, signingSecret: options.signingSecret, appId });

  const server = createServer((request, response) => {
    void route(request, response).catch((error: unknown) => {
      console.error('[reference bot] request failed:', error instanceof Error ? error.message : error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'internal' }));
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://bot').pathname;
    if (request.method !== 'POST' || (path !== '/api/messages' && path !== '/api/warmline')) {
      response.writeHead(404).end();
      return;
    }
    const raw = await readBody(request);
    if (raw === null) {
      response.writeHead(413).end();
      return;
    }
    if (path === '/api/warmline') {
      const answer = await hubEndpoint(raw, request.headers);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      response.writeHead(400).end();
      return;
    }
    await adapter.process({ body, headers: request.headers, method: request.method } satisfies Request, expressLike(response), (context) => bot.run(context));
  }

  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    messagesUrl: `${url}/api/messages`,
    warmlineUrl: `${url}/api/warmline`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The small response surface CloudAdapter.process writes to (restify and express both have it). */
function expressLike(response: ServerResponse): Response {
  let status = 200;
  const headers: Record<string, string> = {};
  return {
    socket: response.socket,
    status: (code: number) => void (status = code),
    header: (name: string, value: unknown) => void (headers[name] = String(value)),
    send: (body?: unknown) => {
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      response.writeHead(status, headers).end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
    },
    end: () => void (response.writableEnded || response.writeHead(status, headers).end()),
  };
}
