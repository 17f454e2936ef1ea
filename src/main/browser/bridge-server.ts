import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { ATTACHMENT_LIMITS } from '../../shared/envelope';
import type { BridgeFrame, BridgeRequest, CoreEvent } from '../../shared/ipc';
import { nestsDeeperThan } from '../../shared/json-bounds';
import { dispatch, type Handlers } from '../core/handlers';
import { createBridgeSecret, type BridgeSecret } from './bridge-secret';

/**
 * Browser mode's page: its one connection is the bridge socket on its own origin (named as well as
 * 'self', which older browsers do not apply to ws:). The Electron window has its own policy
 * (src/main/shell/content-security.ts).
 */
export const rendererCsp = (host: string | undefined): string =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'${host ? ` ws://${host}` : ''}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
/** The largest request frame: an attachment upload is the file's base64 plus its envelope. */
const MAX_FRAME_BYTES = Math.ceil(ATTACHMENT_LIMITS.maxBytes / 3) * 4 + 64 * 1024;

export interface BridgeServerOptions {
  rendererDir: string;
  handlers: Handlers;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  host?: string;
  port?: number;
}

/**
 * Browser mode: serves the built renderer and carries the IPC contract over a WebSocket at /bridge.
 * Every request needs the workstation's secret (see bridge-secret): the returned `url` carries it
 * once, for the CLI to print or open. The bridge also needs this same origin: another site in the
 * user's browser cannot drive the core.
 */
export async function startBridgeServer(options: BridgeServerOptions) {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${options.rendererDir}: run \`npm run build\` first.`);
  }
  // One local user's tab: on close, every connection goes at once (the page reconnects to the next
  // core), so a request still in flight from a busy tab cannot hold the shutdown.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  // Set once listening (the cookie is named after the port); no request arrives before.
  let secret: BridgeSecret | null = null;
  app.addHook('onRequest', async (request, reply) => {
    const verdict = secret?.check(request.url, request.headers) ?? { kind: 'refuse', status: 403, message: 'Not ready.' };
    if (verdict.kind === 'pass') return;
    if (verdict.kind === 'exchange') reply.code(303).header('set-cookie', verdict.setCookie).header('location', verdict.location).send();
    else reply.code(verdict.status).type('text/plain; charset=utf-8').send(verdict.message);
    return reply;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', rendererCsp(request.headers.host));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  await app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html' });
  // Client-side routes (/agent, /supervisor) load the same page.
  app.setNotFoundHandler((request, reply) =>
    request.method === 'GET' && !request.url.startsWith('/bridge') ? reply.sendFile('index.html') : reply.code(404).send(),
  );

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let origin = '';
  let isClosing = false;
  const upgraded = new Set<Duplex>();
  app.server.on('upgrade', (request, socket, head) => {
    // Once closing, a reconnecting page must not slip in: server.close() would wait on it.
    if (isClosing) {
      socket.destroy();
      return;
    }
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    const isAllowed =
      (request.url ?? '').split('?')[0] === '/bridge' &&
      request.headers.origin === origin &&
      secret !== null &&
      secret.isOwnHost(request.headers.host) &&
      secret.hasCookie(request.headers.cookie);
    if (!isAllowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => (isClosing ? ws.terminate() : wss.emit('connection', ws)));
  });

  wss.on('connection', (socket: WebSocket) => {
    const send = (frame: BridgeFrame) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(frame));
    // A hub message can make a burst of core events; at 50 events a second one frame (and one
    // socket write) per event was most of this connection's cost, so a tick's events go together.
    let queued: CoreEvent[] = [];
    const sendQueued = (): void => {
      if (queued.length === 0) return;
      const events = queued;
      queued = [];
      send({ kind: 'events', events });
    };
    const unsubscribe = options.onEvent((event) => {
      if (queued.push(event) === 1) setImmediate(sendQueued);
    });
    socket.on('message', async (data) => {
      let frame: Partial<BridgeRequest> | null = null;
      try {
        const text = data.toString();
        frame = nestsDeeperThan(text) ? null : (JSON.parse(text) as Partial<BridgeRequest>);
      } catch {
        frame = null;
      }
      if (!frame || typeof frame.id !== 'number') return;
      const result = await dispatch(options.handlers, frame.channel, frame.request);
      // Events emitted before the answer go first, as they did unbatched: a list loaded after an
      // event must not be overwritten by that older event arriving behind it.
      sendQueued();
      send({ kind: 'response', id: frame.id, result });
    });
    socket.on('close', unsubscribe);
    socket.on('error', () => socket.terminate());
  });
  app.addHook('preClose', async () => {
    isClosing = true;
    for (const client of wss.clients) client.terminate();
    for (const socket of upgraded) socket.destroy();
    wss.close();
  });

  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  secret = createBridgeSecret(port);
  // `url` is the one address that opens this workstation: print it or open it, never serve it.
  return { url: `${origin}/?token=${secret.token}`, origin, port, close: () => app.close() };
}
