import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ChatServerMessage } from '../../../src/shared/chat-protocol';
import type { HubEvent } from '../../../src/shared/protocol';
import { envelope, openStream, postHandoff, signIn } from '../../support/hub';
import { restartableTestDatabase } from '../../support/test-store';

const ROOT = join(__dirname, '..', '..', '..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

type Store = Awaited<ReturnType<typeof restartableTestDatabase>>;

/** The hub as it runs in production: its own process, killable without a goodbye, on the suite's backend. */
async function startHubProcess(port: number, store: Store): Promise<ChildProcess> {
  const where = store.databaseUrl ? ['--database', store.databaseUrl] : ['--data', dirname(store.databaseFile!)];
  // node itself with tsx as a loader, not the tsx wrapper: SIGKILL must reach the hub, not a parent.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', '--port', String(port), ...where, '--demo'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('hub did not start')), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`hub exited early (${code})`)));
  });
  return child;
}

async function chatCustomer(url: string, token: string) {
  const received: ChatServerMessage[] = [];
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/chat/stream`);
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as ChatServerMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'join', v: 1, token }));
  return { received, socket, lastQueue: () => received.flatMap((message) => (message.type === 'queue' ? [message] : [])).at(-1) };
}

describe('a hub killed mid-stream and restarted', () => {
  it('resumes a client from its last seq with every event once and in order, and the customer still sees their place', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const store = await restartableTestDatabase();
    const first = await startHubProcess(port, store);

    const supervisor = await openStream(url, await signIn(url, 'supervisor@demo'));
    // A web-chat customer waits in the queue across the crash.
    const { token: chatToken } = (await (
      await fetch(`${url}/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ivy' }) })
    ).json()) as { token: string };
    const ivy = await chatCustomer(url, chatToken);
    ivy.socket.send(JSON.stringify({ type: 'say', v: 1, clientMessageId: 'i1', text: 'I need a real person' }));
    await vi.waitUntil(() => ivy.lastQueue() !== undefined, { timeout: 10_000 });

    // Handoffs keep arriving while the hub is killed: some acknowledged, some refused at the socket.
    const acknowledged: string[] = [];
    let isSending = true;
    const sending = (async () => {
      for (let index = 0; isSending && index < 200; index += 1) {
        try {
          const response = await postHandoff(url, envelope({ id: `restart:${index}`, routing: { queue: 'support' } }));
          if (response.status === 201) acknowledged.push(response.json.conversationId!);
        } catch {
          return;
        }
      }
    })();
    await vi.waitUntil(() => acknowledged.length >= 5, { timeout: 10_000 });
    first.kill('SIGKILL');
    isSending = false;
    await sending;
    const beforeCrash = supervisor.events();
    const lastSeq = beforeCrash.at(-1)?.seq ?? 0;
    supervisor.close();

    await startHubProcess(port, store);
    for (let index = 0; index < 3; index += 1) await postHandoff(url, envelope({ id: `after:${index}`, routing: { queue: 'support' } }));
    const resumed = await openStream(url, await signIn(url, 'supervisor@demo'), lastSeq);
    const fresh = await openStream(url, await signIn(url, 'supervisor@demo'), 0);
    await vi.waitUntil(() => fresh.messages.some((message) => message.type === 'welcome'), { timeout: 10_000 });
    const latest = fresh.messages.find((message) => message.type === 'welcome')!;
    const latestSeq = latest.type === 'welcome' ? latest.seq : 0;
    await vi.waitUntil(() => resumed.events().at(-1)?.seq === latestSeq && fresh.events().at(-1)?.seq === latestSeq, { timeout: 10_000 });

    const seen: HubEvent[] = [...beforeCrash, ...resumed.events()];
    const seqs = seen.map((event) => event.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs).toEqual(fresh.events().map((event) => event.seq));
    // Every handoff the hub acknowledged before the kill is in the log after it.
    const queued = new Set(seen.filter((event) => event.type === 'conversation:queued').map((event) => event.conversationId));
    for (const id of acknowledged) expect(queued.has(id)).toBe(true);

    // The customer comes back to the restarted hub: still first in line, told so plainly.
    const ivyAgain = await chatCustomer(url, chatToken);
    await vi.waitUntil(() => ivyAgain.lastQueue() !== undefined, { timeout: 10_000 });
    expect(ivyAgain.lastQueue()).toMatchObject({ position: 1, text: expect.stringMatching(/number 1 in the queue/) });
    resumed.close();
    fresh.close();
    ivyAgain.socket.close();
  }, 60_000);
});
