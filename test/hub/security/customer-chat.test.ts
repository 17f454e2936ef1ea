import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Hub } from '../../../src/hub/app';
import { testHub } from '../../support/test-store';
import { CHAT_LIMITS } from '../../../src/hub/chat/chat-limits';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { hubStorage } from '../../support/hub';
import { customerChat } from '../supervision/support';

let running: RunningHub | null = null;
let hub: Hub | null = null;
afterEach(async () => {
  await running?.close();
  await hub?.app.close();
  running = null;
  hub = null;
});

const upgradeStatus = (url: string) =>
  new Promise<number | 'open'>((resolve) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });

describe('the anonymous customer chat', () => {
  it('is not mounted on a hub that did not ask for it: page, sessions and socket answer 404', async () => {
    running = await startHub({ port: 0, host: '127.0.0.1', ...(await hubStorage()), demo: false });
    expect((await fetch(`${running.url}/chat`)).status).toBe(404);
    const session = await fetch(`${running.url}/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Mallory' }) });
    expect(session.status).toBe(404);
    expect(await upgradeStatus(`ws://127.0.0.1:${running.port}/v1/chat/stream`)).toBe(404);
  });

  it('is mounted with --customer-chat, and with --demo', async () => {
    running = await startHub({ port: 0, host: '127.0.0.1', ...(await hubStorage()), demo: false, customerChat: true });
    expect((await fetch(`${running.url}/chat`)).status).toBe(200);
    await running.close();
    running = await startHub({ port: 0, host: '127.0.0.1', ...(await hubStorage()), demo: true });
    expect((await fetch(`${running.url}/chat`)).status).toBe(200);
  });

  it('lets one address open a bounded number of chats an hour, and another address still open one', async () => {
    hub = await testHub({ customerChat: true });
    const open = (remoteAddress: string) => hub!.app.inject({ method: 'POST', url: '/v1/chat/sessions', payload: { name: 'Flood' }, remoteAddress });
    for (let index = 0; index < CHAT_LIMITS.sessionsPerAddressPerHour; index += 1) expect((await open('203.0.113.7')).statusCode).toBe(201);
    const refused = await open('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await open('192.0.2.8')).statusCode).toBe(201);
  });

  it('answers messages past the per-minute bound with "too fast", and stores each bot turn as its own row', async () => {
    running = await startHub({ port: 0, host: '127.0.0.1', ...(await hubStorage()), demo: true });
    const customer = await customerChat(running.url, 'Chatty');
    const sent = CHAT_LIMITS.messagesPerChatPerMinute + 5;
    // Questions the demo bot answers without handing off.
    for (let index = 0; index < sent; index += 1) customer.say(`what are your opening hours ${index}`);
    await vi.waitFor(() => expect(customer.received.filter((message) => message.type === 'error' && message.code === 'too_fast')).toHaveLength(5), { timeout: 10_000 });
    const { db } = running.hub;
    const session = (await db.get<{ id: string; bot_state: string }>('SELECT id, bot_state FROM chat_sessions'))!;
    const rows = (await db.get<{ n: number }>('SELECT count(*) AS n FROM chat_turns WHERE session_id = ?', [session.id]))!.n;
    // The greeting plus a customer and a bot turn per accepted message (until a handoff, if the bot made one).
    expect(rows).toBeGreaterThan(CHAT_LIMITS.messagesPerChatPerMinute);
    expect(session.bot_state).not.toContain('opening hours');
    expect(session.bot_state.length).toBeLessThan(1000);
    customer.close();
    // Joining again replays the same turns, in order, from the rows.
    const again = await customerChat(running.url, 'Chatty', customer.token);
    await vi.waitFor(() => expect(again.received.find((message) => message.type === 'history')).toBeDefined());
    const history = again.received.find((message) => message.type === 'history');
    expect(history?.type === 'history' && history.turns.filter((turn) => turn.author === 'customer').map((turn) => turn.text).slice(0, 3)).toEqual([
      'what are your opening hours 0',
      'what are your opening hours 1',
      'what are your opening hours 2',
    ]);
    again.close();
  });
});
