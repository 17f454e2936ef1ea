import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { testHub } from '../../support/test-store';
import { hostsToAllow, startHub, type RunningHub } from '../../../src/hub/server';
import type { EdgeLimits } from '../../../src/hub/edge/connection-limits';
import { hubStorage } from '../../support/hub';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const start = async (edgeLimits: Partial<EdgeLimits> = {}, allowedHosts: string[] = []) => {
  running = await startHub({ port: 0, host: '127.0.0.1', ...(await hubStorage()), demo: true, edgeLimits, allowedHosts });
  return running;
};

const opened = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    // Read whatever the hub answers (a 408, a 421): unread bytes would hold back the 'close' event.
    const socket = connect(port, '127.0.0.1', () => resolve(socket)).resume();
    socket.once('error', reject);
  });

const closedWithin = (socket: Socket, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/** A WebSocket upgrade with the headers a rebinding page's browser would send. */
const upgrade = (url: string, headers: Record<string, string>, origin: string) =>
  new Promise<number | 'open'>((resolve) => {
    const socket = new WebSocket(url, { headers, origin });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });

describe('the Host allowlist (DNS rebinding)', () => {
  it('answers 421 to a rebound host name and serves loopback names and configured hosts', async () => {
    const hub = await testHub({ allowedHosts: ['warmline.example.com'] });
    try {
      for (const host of ['rebind.attacker.test', 'rebind.attacker.test:4700', '127.0.0.1.attacker.test', 'localhost.attacker.test']) {
        const refused = await hub.app.inject({ method: 'GET', url: '/healthz', headers: { host } });
        expect(refused.statusCode, host).toBe(421);
        expect(refused.json()).toMatchObject({ error: { code: 'host_not_allowed' } });
      }
      const login = await hub.app.inject({ method: 'POST', url: '/v1/sessions', headers: { host: 'rebind.attacker.test' }, payload: { email: 'a@b', password: 'x' } });
      expect(login.statusCode).toBe(421);
      for (const host of ['localhost:4700', '127.0.0.1:4700', '[::1]:4700', 'WARMLINE.example.com']) {
        expect((await hub.app.inject({ method: 'GET', url: '/healthz', headers: { host } })).statusCode, host).toBe(200);
      }
    } finally {
      await hub.app.close();
    }
  });

  it('refuses a stream whose Origin equals a rebound Host, and opens one from the hub itself', async () => {
    const hub = await start();
    const rebound = `rebind.attacker.test:${hub.port}`;
    expect(await upgrade(`ws://127.0.0.1:${hub.port}/v1/stream`, { host: rebound }, `http://${rebound}`)).toBe(421);
    expect(await upgrade(`ws://127.0.0.1:${hub.port}/v1/chat/stream`, { host: rebound }, `http://${rebound}`)).toBe(421);
    expect(await upgrade(`ws://127.0.0.1:${hub.port}/v1/stream`, {}, 'http://elsewhere.test')).toBe(403);
    expect(await upgrade(`ws://127.0.0.1:${hub.port}/v1/stream`, {}, `http://127.0.0.1:${hub.port}`)).toBe('open');
  });

  it('will not listen on every address without the names clients use, and answers to the address it listens on', () => {
    expect(() => hostsToAllow('0.0.0.0')).toThrow(/--allowed-host/);
    expect(hostsToAllow('0.0.0.0', ['hub.example.com'])).toEqual(['hub.example.com']);
    expect(hostsToAllow('10.0.0.5')).toEqual(['10.0.0.5']);
  });
});

describe('slow and greedy clients', () => {
  it('closes a client that trickles its headers a byte at a time, and still serves others', async () => {
    const hub = await start({ headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
    const slow = await opened(hub.port);
    slow.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => slow.writable && slow.write('X'), 200);
    try {
      expect(await closedWithin(slow, 4000)).toBe(true);
    } finally {
      clearInterval(drip);
    }
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
  });

  it('closes a client that trickles its body, and a socket that says nothing', async () => {
    const hub = await start({ headersTimeoutMs: 1000, requestTimeoutMs: 1500, idleTimeoutMs: 1000 });
    const slowBody = await opened(hub.port);
    slowBody.write('POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const drip = setInterval(() => slowBody.writable && slowBody.write(' '), 200);
    const silent = await opened(hub.port);
    try {
      expect([await closedWithin(slowBody, 5000), await closedWithin(silent, 5000)]).toEqual([true, true]);
    } finally {
      clearInterval(drip);
    }
  });

  it('closes connections past the per-address cap at once, and serves again once one is freed', async () => {
    const hub = await start({ maxConnectionsPerAddress: 20 });
    const held = await Promise.all(Array.from({ length: 20 }, () => opened(hub.port)));
    // The server counts a socket on its own 'connection' event: wait until it has all of them.
    const extra = await opened(hub.port).catch(() => null);
    if (extra) expect(await closedWithin(extra, 2000)).toBe(true);
    held[0]!.destroy();
    await expect.poll(async () => (await fetch(`${hub.url}/healthz`).catch(() => null))?.status, { timeout: 3000 }).toBe(200);
    for (const socket of held) socket.destroy();
  });
});

describe('desktop streams per session', () => {
  it('keeps at most four streams of one session open, closing the oldest first', async () => {
    const hub = await start();
    const signedIn = await fetch(`${hub.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'supervisor@demo', password: 'demo' }) });
    const { token } = (await signedIn.json()) as { token: string };
    const streams: { socket: WebSocket; closed: number | null; welcomed: boolean }[] = [];
    for (let index = 0; index < 6; index += 1) {
      const socket = new WebSocket(`ws://127.0.0.1:${hub.port}/v1/stream`);
      const entry = { socket, closed: null as number | null, welcomed: false };
      socket.on('close', (code) => (entry.closed = code));
      socket.on('message', () => (entry.welcomed = true));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq: 0 }));
      await vi.waitFor(() => expect(entry.welcomed).toBe(true));
      streams.push(entry);
    }
    await vi.waitFor(() => expect(streams.map((entry) => entry.closed)).toEqual([1008, 1008, null, null, null, null]));
    for (const entry of streams) entry.socket.close();
  });
});
