import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startBridgeServer } from '../../../src/main/browser/bridge-server';
import type { Handlers } from '../../../src/main/core/handlers';
import type { BridgeFrame, CoreEvent } from '../../../src/shared/ipc';

const focus = (id: string): CoreEvent => ({ type: 'conversation:focus-requested', id });

/** A bridge over a page-less renderer folder, whose one answering channel emits events before it answers. */
async function startBridge() {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-bridge-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Warmline</title>');
  const listeners = new Set<(event: CoreEvent) => void>();
  const emit = (event: CoreEvent) => listeners.forEach((listener) => listener(event));
  const handlers = {
    'conversations:list': () => {
      emit(focus('before-answer'));
      return [];
    },
  } as Partial<Handlers> as Handlers;
  const server = await startBridgeServer({
    rendererDir: dir,
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const frames: BridgeFrame[] = [];
  const cookie = await exchange(server.url);
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { origin: server.origin, headers: { cookie } });
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as BridgeFrame));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  // The server registers its listener on 'connection', which may follow the client's 'open'.
  await vi.waitUntil(() => listeners.size > 0, { timeout: 2_000 });
  return {
    emit,
    frames,
    server,
    cookie,
    socket,
    async close() {
      socket.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the printed URL as the browser would: its answer sets the cookie every later request carries. */
async function exchange(url: string): Promise<string> {
  const answer = await fetch(url, { redirect: 'manual' });
  expect(answer.status).toBe(303);
  expect(answer.headers.get('location')).toBe('/');
  const setCookie = answer.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return setCookie.split(';')[0]!;
}

/** A page request with headers fetch will not forge (Host), as any local process can send them. */
const statusOf = (port: number, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).once('error', reject);
  });

/** Whether a WebSocket to the bridge opens, or the status the upgrade was refused with. */
const upgrade = (port: number, options: { origin: string; headers?: Record<string, string> }) =>
  new Promise<number | 'open'>((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/bridge`, options);
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });

let bridge: Awaited<ReturnType<typeof startBridge>> | null = null;
afterEach(async () => {
  await bridge?.close();
  bridge = null;
});

describe('the browser-mode bridge', () => {
  it('sends the events of one tick as one frame, in the order the core emitted them', async () => {
    bridge = await startBridge();
    bridge.emit(focus('a'));
    bridge.emit(focus('b'));
    bridge.emit(focus('c'));
    const { frames } = bridge;
    await vi.waitUntil(() => frames.length > 0, { timeout: 2_000 });
    // Sentinel: an event of a later tick. Once its frame is in, any stray frame of the first tick is too.
    bridge.emit(focus('sentinel'));
    await vi.waitUntil(() => frames.length > 1, { timeout: 2_000 });
    expect(frames).toEqual([
      { kind: 'events', events: [focus('a'), focus('b'), focus('c')] },
      { kind: 'events', events: [focus('sentinel')] },
    ]);
  });

  it('sends the events emitted while answering a request ahead of the answer', async () => {
    bridge = await startBridge();
    bridge.socket.send(JSON.stringify({ id: 7, channel: 'conversations:list', request: undefined }));
    const { frames } = bridge;
    await vi.waitUntil(() => frames.some((frame) => frame.kind === 'response'), { timeout: 2_000 });
    expect(frames.map((frame) => frame.kind)).toEqual(['events', 'response']);
    expect(frames[0]).toEqual({ kind: 'events', events: [focus('before-answer')] });
  });
});

describe('the browser-mode secret', () => {
  it('refuses the page and its assets to a request without the key, and serves them once the printed URL set it', async () => {
    bridge = await startBridge();
    const { origin } = bridge.server;
    for (const path of ['/', '/index.html', '/agent', '/assets/index.js']) {
      const refused = await fetch(`${origin}${path}`);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toMatch(/open the address that `npm run serve` printed/);
    }
    const served = await fetch(`${origin}/`, { headers: { cookie: bridge.cookie } });
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('<title>Warmline</title>');
  });

  it('refuses a wrong token, and a right cookie under another port\'s name', async () => {
    bridge = await startBridge();
    const { origin, port, url } = bridge.server;
    const token = new URL(url).searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect((await fetch(`${origin}/?token=${token.slice(0, -1)}x`, { redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${origin}/`, { headers: { cookie: `warmline-bridge-${port + 1}=${token}` } })).status).toBe(403);
  });

  it('refuses the bridge to a local process that forges the Origin, and to a rebound host name', async () => {
    bridge = await startBridge();
    const { origin, port } = bridge.server;
    expect(await upgrade(port, { origin })).toBe(403);
    expect(await upgrade(port, { origin, headers: { cookie: 'warmline-bridge-1=guess' } })).toBe(403);
    expect(await upgrade(port, { origin: 'http://evil.test', headers: { cookie: bridge.cookie } })).toBe(403);
    expect(await upgrade(port, { origin, headers: { cookie: bridge.cookie, host: `rebind.attacker.test:${port}` } })).toBe(403);
    expect(await statusOf(port, { cookie: bridge.cookie, host: `rebind.attacker.test:${port}` })).toBe(421);
    // The legitimate tab, with the cookie the printed URL set, still gets in.
    expect(await upgrade(port, { origin, headers: { cookie: bridge.cookie } })).toBe('open');
  });
});
