import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { WallboardSnapshot } from '../../shared/wallboard';
import { parseWith } from '../../shared/validation';
import { bearerToken } from '../auth/access';
import type { WallboardSessions } from '../auth/wallboard-session';
import { requireUser, type HubContext } from '../context';
import type { WallboardBoards } from '../metrics/wallboard-board';
import { sendError } from './errors';

/**
 * The wallboard page for any plain browser (a TV on the wall): GET /wallboard/?token=… serves the
 * built page, which reads /v1/stream and GET /v1/wallboard/snapshot. The page holds no secret but
 * the token in its own URL, so the CSP lets it talk to this hub only.
 */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const ASSET_NAME = /^[\w-]+(\.[\w-]+)*\.(js|css|woff2|svg|png)$/;

// Built by electron-vite into out/renderer: from the sources (tsx) or from the bundled main (out/main).
const RENDERER_DIRS = [resolve(__dirname, '../../../out/renderer'), resolve(__dirname, '../renderer')];

const snapshotQuerySchema = z.strictObject({
  dayStart: z
    .string()
    .max(64)
    .refine((value) => Number.isFinite(Date.parse(value)), 'must be an ISO date and time'),
});

export function wallboardCsp(host: string | undefined): string {
  const stream = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${stream}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function registerWallboardRoutes(app: FastifyInstance, context: HubContext, deps: { sessions: WallboardSessions; boards: WallboardBoards }): void {
  const { sessions, boards } = deps;
  const rendererDir = () => RENDERER_DIRS.find((dir) => existsSync(join(dir, 'wallboard.html')));
  const secured = (reply: FastifyReply, host: string | undefined) =>
    reply
      .header('content-security-policy', wallboardCsp(host))
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store');

  // The trailing slash makes the page's relative ./assets/… resolve under /wallboard/.
  app.get('/wallboard', async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`/wallboard/${query}`);
  });

  app.get('/wallboard/', async (request, reply) => {
    const dir = rendererDir();
    if (!dir) return sendError(reply, 'not_built', 'The wallboard page is not built: run `npx electron-vite build`.');
    const html = await readFile(join(dir, 'wallboard.html'), 'utf8');
    return secured(reply, request.headers.host).type('text/html; charset=utf-8').send(html);
  });

  app.get<{ Params: { name: string } }>('/wallboard/assets/:name', async (request, reply) => {
    const dir = rendererDir();
    const name = request.params.name;
    if (!dir || !ASSET_NAME.test(name)) return sendError(reply, 'not_found', 'No such file.');
    try {
      const body = await readFile(join(dir, 'assets', name));
      return secured(reply, request.headers.host)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .type(TYPES[extname(name)] ?? 'application/octet-stream')
        .send(body);
    } catch {
      return sendError(reply, 'not_found', 'No such file.');
    }
  });

  app.get('/v1/wallboard/snapshot', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (user.role === 'agent') return sendError(reply, 'forbidden', 'The wallboard is for wallboards, supervisors and admins.');
    const parsed = parseWith(snapshotQuerySchema, request.query ?? {});
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send ?dayStart= as an ISO date and time.', parsed.problems);
    const now = context.now();
    if (user.role === 'wallboard') await sessions.renew(bearerToken(request.headers.authorization) ?? '', now);
    const snapshot: WallboardSnapshot = {
      v: 1,
      at: now.toISOString(),
      board: await boards.boardOf(user.queues, Date.parse(parsed.value.dayStart)),
    };
    return reply.header('cache-control', 'no-store').send(snapshot);
  });
}
