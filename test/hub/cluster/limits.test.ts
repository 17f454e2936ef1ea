import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ChatServerMessage } from '../../../src/shared/chat-protocol';
import { build, type Hub } from '../../../src/hub/app';
import { DEFAULT_LOGIN_GATE } from '../../../src/hub/auth/login-gate';
import { CHAT_LIMITS } from '../../../src/hub/chat/chat-limits';
import { seedDemo } from '../../../src/hub/demo/seed';
import { OIDC_ROUTE_LIMIT } from '../../../src/hub/routes/oidc';
import { onPostgres, testDatabase } from '../../support/test-store';

// Two hubs on one store are replicas on one PostgreSQL database; a SQLite store has one hub.
const replicasOnly = it.skipIf(!onPostgres);

let clock = Date.parse('2026-12-01T09:00:00Z');
const hubs: Hub[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.app.close();
});

async function twoReplicas(): Promise<[Hub, Hub]> {
  const database = await testDatabase();
  for (let index = 0; index < 2; index += 1) hubs.push(await build({ ...database, customerChat: true, now: () => new Date(clock) }));
  await seedDemo(hubs[0]!);
  return [hubs[0]!, hubs[1]!];
}

const signIn = (target: Hub, email: string, password: string, remoteAddress = '192.0.2.10') =>
  target.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password }, remoteAddress });
const oidcStart = (target: Hub) =>
  target.app.inject({ method: 'POST', url: '/v1/sessions/oidc/start', payload: { redirectUri: 'http://127.0.0.1:49152/oidc/callback', codeChallenge: 'a'.repeat(43) } });
const openChat = (target: Hub, remoteAddress = '203.0.113.7') =>
  target.app.inject({ method: 'POST', url: '/v1/chat/sessions', payload: { name: 'Flood' }, remoteAddress });

/** A customer's chat socket on one hub: joins with the token, says things with ids of its own. */
async function chatWindow(baseUrl: string, token: string, idPrefix: string) {
  const received: ChatServerMessage[] = [];
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/v1/chat/stream`);
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as ChatServerMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'join', v: 1, token }));
  await vi.waitFor(() => expect(received.some((message) => message.type === 'history')).toBe(true));
  let sent = 0;
  return {
    received,
    say: (text: string) => socket.send(JSON.stringify({ type: 'say', v: 1, clientMessageId: `${idPrefix}${(sent += 1)}`, text })),
    close: () => socket.close(),
  };
}

// Each sign-in hashes with scrypt (16 MiB); on a busy machine a handful of them takes seconds.
const SIGN_IN_TIMEOUT_MS = 60_000;

describe('limits across replicas (two hubs on one PostgreSQL database)', () => {
  replicasOnly(
    'locks an account after five wrong passwords spread over both hubs, not ten, and both refuse it until the wait is over',
    async () => {
      const [a, b] = await twoReplicas();
      for (const [index, target] of [a, b, a, b, a].entries()) expect((await signIn(target, 'agent@demo', `guess-${index}`)).statusCode).toBe(401);
      // Within each hub's own count (three and two) but the sixth on the floor.
      expect((await signIn(b, 'agent@demo', 'guess-5')).statusCode).toBe(401);
      for (const target of [a, b]) {
        const locked = await signIn(target, 'agent@demo', 'demo', '198.51.100.1');
        expect(locked.statusCode).toBe(429);
        expect(locked.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/wrong sign-ins/) } });
        expect(locked.headers['retry-after']).toBe('1');
      }
      clock += 1000;
      expect((await signIn(a, 'agent@demo', 'demo')).statusCode).toBe(201);
      // The right password cleared the count on the floor: one slip on the other hub is an ordinary 401.
      expect((await signIn(b, 'agent@demo', 'slip')).statusCode).toBe(401);
      expect((await signIn(b, 'agent@demo', 'demo')).statusCode).toBe(201);
    },
    SIGN_IN_TIMEOUT_MS,
  );

  replicasOnly(
    'hashes at most a few of a burst on one hub, and the wrong ones it hashed lock the account on the other',
    async () => {
      const [a, b] = await twoReplicas();
      const burst = await Promise.all(Array.from({ length: 64 }, (_, index) => signIn(a, 'agent@demo', `guess-${index}`, '203.0.113.9')));
      const hashed = burst.filter((answer) => answer.statusCode === 401).length;
      expect(hashed).toBeGreaterThan(5);
      expect(hashed).toBeLessThanOrEqual(DEFAULT_LOGIN_GATE.maxInFlightPerAddress);
      const locked = await signIn(b, 'agent@demo', 'demo', '198.51.100.2');
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    },
    SIGN_IN_TIMEOUT_MS,
  );

  replicasOnly('gives one address its OIDC sign-in allowance once for the floor, with Retry-After, and again in the next window', async () => {
    const [a, b] = await twoReplicas();
    // Aligned windows: start at the top of a minute so the whole run falls in one.
    clock = Math.ceil(clock / 60_000) * 60_000;
    for (let index = 0; index < OIDC_ROUTE_LIMIT.max; index += 1) expect((await oidcStart(index % 2 === 0 ? a : b)).statusCode).toBe(404);
    for (const target of [a, b]) {
      const refused = await oidcStart(target);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('Too many sign-ins from this address') });
    }
    clock += 60_000;
    expect((await oidcStart(b)).statusCode).toBe(404);
  });

  replicasOnly('lets one address open its hourly number of web chats on the floor, not on each hub, and more in the next hour', async () => {
    const [a, b] = await twoReplicas();
    clock = Math.ceil(clock / 3600_000) * 3600_000;
    for (let index = 0; index < CHAT_LIMITS.sessionsPerAddressPerHour; index += 1) expect((await openChat(index % 2 === 0 ? a : b)).statusCode).toBe(201);
    for (const target of [a, b]) {
      const refused = await openChat(target);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
      expect(refused.headers['retry-after']).toBe('3600');
    }
    expect((await openChat(b, '192.0.2.8')).statusCode).toBe(201);
    clock += 3600_000;
    expect((await openChat(a)).statusCode).toBe(201);
  });

  replicasOnly("holds a chat's messages a minute to one allowance when the customer reconnects to the other hub", async () => {
    const [a, b] = await twoReplicas();
    clock = Math.ceil(clock / 60_000) * 60_000;
    const [urlA, urlB] = [await a.app.listen({ port: 0, host: '127.0.0.1' }), await b.app.listen({ port: 0, host: '127.0.0.1' })];
    const customerTurns = (received: ChatServerMessage[]) => received.filter((message) => message.type === 'turn' && message.turn.author === 'customer').length;
    const tooFast = (received: ChatServerMessage[]) => received.filter((message) => message.type === 'error' && message.code === 'too_fast').length;
    const { token } = (await openChat(a)).json<{ token: string }>();
    const onA = await chatWindow(urlA, token, 'a');
    const firstPart = CHAT_LIMITS.messagesPerChatPerMinute - 8;
    for (let index = 0; index < firstPart; index += 1) onA.say(`what are your opening hours ${index}`);
    await vi.waitFor(() => expect(customerTurns(onA.received)).toBe(firstPart), { timeout: 10_000 });
    onA.close();
    const onB = await chatWindow(urlB, token, 'b');
    // Eight more fit the minute on the floor; the two after them do not, on this hub or any.
    for (let index = 0; index < 10; index += 1) onB.say(`and on sundays ${index}`);
    await vi.waitFor(() => expect(tooFast(onB.received)).toBe(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(customerTurns(onB.received)).toBe(8));
    clock += 60_000;
    onB.say('one more, a minute later');
    await vi.waitFor(() => expect(customerTurns(onB.received)).toBe(9));
    expect(tooFast(onB.received)).toBe(2);
    onB.close();
  });
});
