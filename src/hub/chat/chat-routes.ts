import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chatSessionRequestSchema } from '../../shared/chat-protocol';
import { parseWith } from '../../shared/validation';
import { sendError } from '../routes/errors';
import type { ChatLimits } from './chat-limits';
import type { ChatService } from './chat-service';

const WIDGET_DIR = join(__dirname, 'widget');
const WIDGET_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const asset = (file: string) => readFileSync(join(WIDGET_DIR, file), 'utf8');

/** The demo customer chat page and its session endpoint. */
export function registerChatRoutes(app: FastifyInstance, chat: ChatService, limits: ChatLimits): void {
  const files = {
    html: asset('chat.html'),
    js: asset('chat.js'),
    css: asset('chat.css'),
  };
  app.get('/chat', async (_request, reply) =>
    reply.header('content-security-policy', WIDGET_CSP).type('text/html; charset=utf-8').send(files.html),
  );
  app.get('/chat/chat.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(files.js));
  app.get('/chat/chat.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(files.css));

  app.post('/v1/chat/sessions', async (request, reply) => {
    const parsed = parseWith(chatSessionRequestSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "name" }.', parsed.problems);
    const allowance = await limits.newChat(request.ip);
    if (!allowance.allowed) {
      reply.header('retry-after', String(Math.ceil(allowance.retryAfterMs / 1000)));
      return sendError(reply, 'rate_limited', 'Too many new chats from this address: carry on in an open one, or try again later.');
    }
    return reply.code(201).send(await chat.start(parsed.value.name));
  });
}
