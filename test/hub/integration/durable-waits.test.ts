import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ChatServerMessage } from '../../../src/shared/chat-protocol';
import type { HandoffQualityReport } from '../../../src/shared/metrics';
import { build, type Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { envelope, openStream, postHandoff, signIn, tempDir } from '../../support/hub';

/**
 * What a waiting conversation must not lose when the hub restarts on the same data: a customer's
 * grace after their chat window closed, and the waiting reasons routing already told.
 */
const running: Hub[] = [];
afterEach(async () => {
  for (const hub of running.splice(0)) await hub.app.close();
});

/** The hub's clock, moved by the test: restarts happen "later" without waiting. */
const clock = { ms: Date.parse('2026-11-21T10:00:00.000Z') };
const now = () => new Date(clock.ms);

async function start(dataDir: string, chatLeaveGraceMs = 60_000): Promise<{ hub: Hub; url: string }> {
  const hub = build({ databaseFile: join(dataDir, 'hub.sqlite'), now, offerTimeoutMs: null, chatLeaveGraceMs });
  running.push(hub);
  await seedDemo(hub.context.accounts);
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const address = hub.app.server.address();
  return { hub, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function stop(hub: Hub): Promise<void> {
  running.splice(running.indexOf(hub), 1);
  await hub.app.close();
}

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
};

/** A web-chat customer who asks for a person and waits in the queue. */
async function customer(url: string, token?: string) {
  const chatToken =
    token ??
    ((await (
      await fetch(`${url}/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Lena' }) })
    ).json()) as { token: string }).token;
  const received: ChatServerMessage[] = [];
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/chat/stream`);
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as ChatServerMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'join', v: 1, token: chatToken }));
  await until(() => received.some((message) => message.type === 'history'));
  return {
    token: chatToken,
    askForPerson: async () => {
      socket.send(JSON.stringify({ type: 'say', v: 1, clientMessageId: 'l1', text: 'I want to talk to a real person' }));
      await until(() => received.some((message) => message.type === 'queue'));
    },
    close: () => new Promise((resolve) => (socket.once('close', resolve), socket.close())),
  };
}

const chatOf = (hub: Hub) => hub.db.prepare<[], { conversation_id: string; left_at: string | null }>('SELECT conversation_id, left_at FROM chat_sessions').get()!;
const stateOf = (hub: Hub) => hub.context.conversations.get(chatOf(hub).conversation_id)?.state;

describe('a customer who left the chat just before a restart', () => {
  it('is abandoned once the restarted hub finds their grace over, and counted as abandoned before an agent', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const lena = await customer(first.url);
    await lena.askForPerson();
    await lena.close();
    await until(() => chatOf(first.hub).left_at !== null);
    expect(chatOf(first.hub).left_at).toBe('2026-11-21T10:00:00.000Z');
    await stop(first.hub);

    clock.ms += 61_000;
    const second = await start(dataDir);
    await until(() => stateOf(second.hub) === 'abandoned');
    expect(chatOf(second.hub).left_at).toBeNull();
    const abandoned = second.hub.context.events.forQueues(['support'], 0, 100).find((event) => event.type === 'conversation:abandoned');
    expect(abandoned).toMatchObject({ conversationId: chatOf(second.hub).conversation_id, at: '2026-11-21T10:01:01.000Z' });
    // The report's period ends now, exclusively: read it a moment after the abandon.
    clock.ms += 1000;
    const token = await signIn(second.url, 'supervisor@demo');
    const report = (await (await fetch(`${second.url}/v1/metrics/handoff-quality`, { headers: { authorization: `Bearer ${token}` } })).json()) as HandoffQualityReport;
    expect(report).toMatchObject({ handoffs: 1, abandonedBeforeAgent: 1, unresolved: { abandoned: 1 } });
    clock.ms = Date.parse('2026-11-21T10:00:00.000Z');
  });

  it('keeps the rest of a running grace after the restart, and a customer who comes back cancels it for good', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir, 3000);
    const lena = await customer(first.url);
    await lena.askForPerson();
    await lena.close();
    await until(() => chatOf(first.hub).left_at !== null);
    await stop(first.hub);

    // 2 s of the 3 s grace went by while the hub was down: 1 s is left, not 3 s and not none.
    clock.ms += 2000;
    const second = await start(dataDir, 3000);
    expect(stateOf(second.hub)).toBe('queued');
    const started = Date.now();
    await until(() => stateOf(second.hub) === 'abandoned');
    expect(Date.now() - started).toBeLessThan(2500);
    await stop(second.hub);

    // Another customer leaves, comes back before the restart: the later hub must not abandon them.
    clock.ms = Date.parse('2026-11-21T12:00:00.000Z');
    const other = tempDir();
    const third = await start(other, 3000);
    const max = await customer(third.url);
    await max.askForPerson();
    await max.close();
    await until(() => chatOf(third.hub).left_at !== null);
    const back = await customer(third.url, max.token);
    await until(() => chatOf(third.hub).left_at === null);
    await back.close();
    await until(() => chatOf(third.hub).left_at !== null);
    await customer(third.url, max.token);
    await until(() => chatOf(third.hub).left_at === null);
    await stop(third.hub);
    clock.ms += 10_000;
    const fourth = await start(other, 3000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stateOf(fourth.hub)).toBe('queued');
    clock.ms = Date.parse('2026-11-21T10:00:00.000Z');
  });
});

describe('waiting reasons across a restart', () => {
  it('does not tell an unchanged reason again after the hub restarts', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const alex = await openStream(first.url, await signIn(first.url, 'agent@demo'));
    await alex.waitFor(() => alex.messages.find((message) => message.type === 'welcome'));
    const german = (await postHandoff(first.url, envelope({ id: 'reason:1', routing: { queue: 'support', language: 'de' } }))).json.conversationId!;
    const reasonsOf = (hub: Hub, id: string) =>
      hub.context.events.forQueues(['support'], 0, 500).flatMap((event) => (event.type === 'routing:waiting' && event.conversationId === id ? [event.reason] : []));
    expect(reasonsOf(first.hub, german)).toEqual(['no agent speaking de is available']);
    alex.close();
    await stop(first.hub);

    const second = await start(dataDir);
    const again = await openStream(second.url, await signIn(second.url, 'agent@demo'));
    await again.waitFor(() => again.messages.find((message) => message.type === 'welcome'));
    // A second German handoff makes routing walk the queue, the first one included, while Alex is free.
    const next = (await postHandoff(second.url, envelope({ id: 'reason:2', routing: { queue: 'support', language: 'de' } }))).json.conversationId!;
    expect(reasonsOf(second.hub, next)).toEqual(['no agent speaking de is available']);
    expect(reasonsOf(second.hub, german)).toEqual(['no agent speaking de is available']);
    again.close();
  });
});
