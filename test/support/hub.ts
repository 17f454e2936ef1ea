import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import WebSocket from 'ws';
import type { HandoffEnvelope } from '../../src/shared/envelope';
import type { ServerMessage } from '../../src/shared/protocol';
import type { Hub } from '../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN, seedDemo } from '../../src/hub/demo/seed';
import { startHub, type RunningHub } from '../../src/hub/server';
import { testDatabase, testHub } from './test-store';

export const tempDir = (prefix = 'warmline-test-') => mkdtempSync(join(tmpdir(), prefix));

/** A hub on a fresh store of the suite's backend with the demo accounts, for `inject` tests. */
export async function demoHub(): Promise<Hub> {
  const hub = await testHub();
  await seedDemo(hub);
  return hub;
}

const databaseOfDir = new Map<string, Promise<string | undefined>>();

/**
 * Where a listening test hub keeps its store, for `startHub`: `dataDir` on SQLite; on PostgreSQL
 * one database per `dataDir`, so a hub restarted on the same directory finds its data again.
 */
export async function hubStorage(dataDir = tempDir()): Promise<{ dataDir: string; databaseUrl?: string }> {
  let url = databaseOfDir.get(dataDir);
  if (!url) {
    url = testDatabase().then((where) => where.databaseUrl);
    databaseOfDir.set(dataDir, url);
  }
  const databaseUrl = await url;
  return { dataDir, ...(databaseUrl ? { databaseUrl } : {}) };
}

/** A real hub listening on a free loopback port, with the demo accounts, on the suite's backend. */
export async function listeningHub(dataDir = tempDir()): Promise<RunningHub> {
  return startHub({ port: 0, host: '127.0.0.1', ...(await hubStorage(dataDir)), demo: true });
}

export function envelope(overrides: Partial<HandoffEnvelope> = {}): HandoffEnvelope {
  return {
    v: 1,
    id: `returns-bot:c-${Math.random().toString(36).slice(2)}:1`,
    source: { platform: 'generic', bot: 'returns-bot', conversationId: 'c-88231' },
    customer: { id: 'cust-4411', name: 'Maria Okafor', email: 'maria@example.com', verification: { status: 'verified', method: 'one-time code' } },
    issue: { title: 'Refund for boots outside the 30-day window', intent: 'refund_request', department: 'returns' },
    reason: { kind: 'bot_failure', detail: 'Refund exceptions need an advisor', evidenceTurnIds: ['t2'], attempts: 2 },
    summary: { text: 'Wants a refund for order 555, two days past the window.', source: 'bot' },
    fields: [{ key: 'order_id', label: 'Order', value: '555', verified: true }],
    transcript: [
      { id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'I want to return my boots' },
      { id: 't2', at: '2026-11-20T10:12:04Z', author: 'bot', text: 'Sure. What is your order number?' },
    ],
    routing: { queue: 'support', priority: 2, channel: 'web' },
    ...overrides,
  };
}

export const integrationAuth = { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` };

export { signIn } from './sign-in';

export async function postHandoff(baseUrl: string, body: unknown): Promise<{ status: number; json: { conversationId?: string } }> {
  const response = await fetch(`${baseUrl}/v1/handoffs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...integrationAuth },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { conversationId?: string } };
}

/** A stream client that records every server message, for assertions. */
export async function openStream(baseUrl: string, token: string, lastSeq = 0) {
  const messages: ServerMessage[] = [];
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/v1/stream`);
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as ServerMessage));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq }));
  const events = () => messages.flatMap((message) => (message.type === 'events' ? message.events : []));
  return {
    socket,
    messages,
    events,
    /** Resolves with what `find` finds once it finds something (not undefined). */
    waitFor: <T>(find: () => T | undefined, timeoutMs = 5000): Promise<T> =>
      vi.waitFor(
        () => {
          const found = find();
          if (found === undefined) throw new Error('not on the stream yet');
          return found;
        },
        { timeout: timeoutMs, interval: 20 },
      ),
    close: () => socket.close(),
  };
}
