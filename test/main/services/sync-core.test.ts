import { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/create-core';
import type { CoreEvent } from '../../../src/shared/ipc';
import { conversationView } from '../cache/fixtures/conversations';
import { agent, coreOn, fakeHub, seedCache } from './core-with-cache';

let core: Core | null = null;
let server: WebSocketServer | null = null;
afterEach(async () => {
  core?.close();
  core = null;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A hub stream that welcomes the client and then tells it it is too far behind, as the real hub does. */
async function hubThatAsksForResync(): Promise<string> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
  server.on('connection', (socket) => {
    socket.once('message', () => {
      socket.send(JSON.stringify({ type: 'welcome', v: 1, user: agent, seq: 7000 }));
      socket.send(JSON.stringify({ type: 'resync-required', v: 1, reason: 'too far behind' }));
    });
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

describe('resync through the core', () => {
  it('applies a 1,200-conversation snapshot in steps the UI can show, then lists every conversation', async () => {
    const hubUrl = await hubThatAsksForResync();
    const { client } = fakeHub([agent]);
    const snapshot = Array.from({ length: 1200 }, (_, i) =>
      conversationView({ id: `c${i}`, updatedAt: new Date(Date.UTC(2026, 10, 20, 9, 0, 0, i)).toISOString() }),
    );
    client.conversations = async () => ({ seq: 7000, conversations: snapshot });
    core = coreOn(seedCache([]), { defaultHubUrl: hubUrl, createHttpClient: () => client });
    const steps: Extract<CoreEvent, { type: 'sync:progress' }>[] = [];
    const finished = new Promise<void>((resolve) =>
      core!.onEvent((event) => {
        if (event.type !== 'sync:progress') return;
        steps.push(event);
        if (event.done) resolve();
      }),
    );
    await core.signIn({ email: agent.email, password: 'x' });
    await finished;

    expect(steps[0]).toEqual({ type: 'sync:progress', applied: 0, total: null, done: false });
    const partial = steps.filter((step) => !step.done && step.total === 1200);
    expect(partial.length).toBeGreaterThanOrEqual(12);
    expect(partial.map((step) => step.applied)).toEqual([...partial.map((step) => step.applied)].sort((a, b) => a - b));
    expect(steps.at(-1)).toEqual({ type: 'sync:progress', applied: 1200, total: 1200, done: true });
    expect(core.session().connection.lastSeq).toBe(7000);
    expect(core.listHistory({ limit: 500 })).toHaveLength(500);
    expect(core.get('c1199')?.id).toBe('c1199');
  });
});
