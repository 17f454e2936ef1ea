import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { ELECTRON_CSP, electronDevCsp } from './content-security';
import { APP_SCHEME } from './security-policy';

export { APP_ORIGIN, APP_SCHEME } from './security-policy';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before `app` is ready: the renderer is served from app://warmline, never file://. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export type RendererSource = { kind: 'built'; dir: string } | { kind: 'dev-server'; origin: string; nonce: string };

/**
 * Serves the renderer on app://warmline: the built files (refusing any path that escapes their
 * folder), or in development the Vite dev server's answers, so the page keeps its origin (and the
 * IPC sender check, the navigation guards) in both modes and only the CSP differs.
 */
export function serveRenderer(source: RendererSource): void {
  protocol.handle(APP_SCHEME, (request) => (source.kind === 'built' ? serveBuilt(source.dir, request) : proxyDevServer(source, request)));
}

async function serveBuilt(rendererDir: string, request: Request): Promise<Response> {
  const root = normalize(rendererDir + sep);
  const { host, pathname } = new URL(request.url);
  const relative = pathname === '/' || !extname(pathname) ? 'index.html' : decodeURIComponent(pathname.slice(1));
  const file = normalize(join(root, relative));
  if (host !== 'warmline' || !file.startsWith(root)) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, { headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': ELECTRON_CSP } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

async function proxyDevServer(source: { origin: string; nonce: string }, request: Request): Promise<Response> {
  const { host, pathname, search } = new URL(request.url);
  if (host !== 'warmline') return new Response('Not found', { status: 404 });
  const upstream = await fetch(new URL(pathname + search, source.origin), { headers: { accept: request.headers.get('accept') ?? '*/*' } });
  const headers = new Headers({ 'content-security-policy': electronDevCsp(source.origin, source.nonce) });
  const type = upstream.headers.get('content-type');
  if (type) headers.set('content-type', type);
  return new Response(upstream.body, { status: upstream.status, headers });
}
