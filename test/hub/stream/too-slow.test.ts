import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES, type HubEvent, type ServerMessage } from '../../../src/shared/protocol';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { envelope, hubStorage, openStream, postHandoff, signIn } from '../../support/hub';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/**
 * ~0.9 MB per handoff (just under the 1 MB body limit), so a dozen outgrow the kernel buffers and the
 * test's cut-off. Words, not one long run of a letter: enrichment tokenises each turn.
 */
const bigHandoff = (n: number) =>
  envelope({
    id: `slow-bot:${n}`,
    transcript: Array.from({ length: 45 }, (_, turn) => ({
      id: `t${turn}`,
      at: '2026-11-20T10:12:03Z',
      author: turn % 2 ? ('bot' as const) : ('customer' as const),
      text: `${n}/${turn} `.padEnd(19_500, 'stalled reader '),
    })),
  });

/** A raw stream client whose TCP socket can stop reading, as a hung desktop's would. */
async function pausableStream(url: string, token: string) {
  const messages: ServerMessage[] = [];
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/stream`);
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as ServerMessage));
  const closed = new Promise<{ code: number; reason: string }>((done) => socket.once('close', (code, reason) => done({ code, reason: reason.toString() })));
  await new Promise((opened) => socket.once('open', opened));
  socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq: 0 }));
  // ws has no pause; its net.Socket does. Reading stops, so the hub's send buffer fills.
  const tcp = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  return { messages, closed, pause: () => tcp.pause(), resume: () => tcp.resume() };
}

const eventsOf = (messages: ServerMessage[]): HubEvent[] => messages.flatMap((message) => (message.type === 'events' ? message.events : []));

describe('a desktop stream client that reads nothing while events flow', () => {
  it(
    'is closed as too slow with "resume from your last seq", and on resuming from its last seq gets the rest exactly once, while a healthy client misses nothing',
    async () => {
      // A long heartbeat, so that it is the send-buffer cut-off that drops the client, not a missed pong;
      // a 256 KB cut-off instead of 8 MB, so a few handoffs past the kernel buffers reach it.
      running = await startHub({
        port: 0,
        host: '127.0.0.1',
        ...(await hubStorage()),
        demo: true,
        heartbeatMs: 600_000,
        edgeLimits: { maxStreamBufferedBytes: 256 * 1024 },
      });
      const token = await signIn(running.url, 'supervisor@demo');
      const healthy = await openStream(running.url, token);
      const slow = await pausableStream(running.url, token);
      await healthy.waitFor(() => healthy.messages.find((message) => message.type === 'welcome'));
      await vi.waitUntil(() => slow.messages.some((message) => message.type === 'welcome'), { timeout: 5_000 });
      slow.pause();

      // About 5 MB fill the kernel buffers on Linux loopback before the hub buffers anything; 12 give ~11 MB.
      const handoffs = 12;
      const conversationIds: string[] = [];
      for (let n = 0; n < handoffs; n += 1) {
        const { status, json } = await postHandoff(running.url, bigHandoff(n));
        expect(status).toBe(201);
        conversationIds.push(json.conversationId!);
      }
      const queuedIn = (events: HubEvent[]) => new Set(events.filter((event) => event.type === 'conversation:queued').map((event) => event.conversationId));
      // The healthy client is not held back by the stalled one.
      await healthy.waitFor(() => (queuedIn(healthy.events()).size === handoffs ? true : undefined), 20_000);

      slow.resume();
      const { code, reason } = await Promise.race([
        slow.closed,
        new Promise<never>((_, fail) => setTimeout(() => fail(new Error('the slow client read everything and was never cut off')), 20_000)),
      ]);
      expect(code).toBe(CLOSE_CODES.tooSlow);
      expect(reason).toBe('client too slow: resume from your last seq');
      const before = eventsOf(slow.messages);
      const lastSeq = Math.max(0, ...before.map((event) => event.seq));
      const all = healthy.events();
      // Cut off partway: it has a gap-free prefix of what the healthy client saw, not all of it.
      expect(before.map((event) => event.seq)).toEqual(all.slice(0, before.length).map((event) => event.seq));
      expect(before.length).toBeLessThan(all.length);

      const resumed = await openStream(running.url, token, lastSeq);
      await resumed.waitFor(() => (resumed.events().length >= all.length - before.length ? true : undefined), 20_000);
      // Sentinel: one more handoff after the catch-up. Once it arrives, a resync or a repeat would have too.
      const sentinel = (await postHandoff(running.url, envelope({ id: 'slow-bot:sentinel' }))).json.conversationId!;
      await resumed.waitFor(() => (queuedIn(resumed.events()).has(sentinel) ? true : undefined));
      await healthy.waitFor(() => (queuedIn(healthy.events()).has(sentinel) ? true : undefined));
      expect(resumed.messages.some((message) => message.type === 'resync-required')).toBe(false);
      const seqs = [...before, ...resumed.events()].map((event) => event.seq);
      expect(seqs).toEqual(healthy.events().map((event) => event.seq));
      expect(queuedIn([...before, ...resumed.events()])).toEqual(new Set([...conversationIds, sentinel]));
      healthy.close();
      resumed.close();
    },
    90_000,
  );
});
