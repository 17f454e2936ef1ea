import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import { freePort, hubProcess } from './hub-process';
import { resumingClient } from './stream-client';

export interface StreamFaultFigures {
  heartbeatMs: number;
  handoffs: number;
  /** Peers that read but never answer a ping (the far end of a half-open TCP connection). */
  halfOpen: { peers: number; dropped: number; dropMsMax: number | null; pingsMax: number };
  /** Peers whose socket stops reading (pings queue unread): dropped if they close at once on reading again. */
  stalled: { peers: number; dropped: number };
  /** A client dropped every `flapEveryMs` that resumes from its last seq each time. */
  flapping: { flaps: number; delivered: number; lost: number; duplicated: number; outOfOrder: number; resyncs: number };
  hubRssMaxBytes: number | null;
  /** Handoff 2xx → a healthy client sees it queued: first half alone (baseline), second half with all of the above beside it. */
  baseline: { p50: number | null; p99: number | null };
  withFaults: { p50: number | null; p99: number | null };
}

const percentile = (values: number[], p: number) => (values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]! : null);

async function supervisorToken(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'supervisor@demo', password: 'demo' }) });
  return ((await response.json()) as { token: string }).token;
}

/** A signed-in stream socket; `autoPong: false` makes it a peer that reads but never answers a ping. */
async function helloSocket(url: string, token: string, autoPong: boolean) {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/stream`, { autoPong });
  socket.on('error', () => undefined);
  const closedAt = new Promise<number>((done) => socket.once('close', () => done(Date.now())));
  const peer = { pings: 0 };
  socket.on('ping', () => (peer.pings += 1));
  await new Promise((opened) => socket.once('open', opened));
  socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq: 0 }));
  return { socket, peer, helloAt: Date.now(), closedAt, tcp: (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket };
}

/** Posts a handoff; over the integration's rate limit (600 a minute by default) it waits as told and sends it again. */
async function handOff(url: string, body: unknown): Promise<Response> {
  for (;;) {
    const response = await fetch(`${url}/v1/handoffs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
      body: JSON.stringify(body),
    });
    if (response.status !== 429) return response;
    await new Promise((wait) => setTimeout(wait, Math.min(10_000, 1000 * (Number(response.headers.get('retry-after')) || 1))));
  }
}

const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<null>((done) => setTimeout(() => done(null), ms))]);

/**
 * The hub with a short heartbeat, while a bot hands off steadily: half-open peers (never pong),
 * stalled peers (stop reading) and a flapping client beside two healthy ones. Figures: how many
 * bad peers the hub dropped and how fast, whether the flapper still got everything exactly once,
 * hub memory, and the healthy clients' delivery latency.
 */
export async function runStreamFaults(options: { handoffs: number; heartbeatMs: number; halfOpen: number; stalled: number; flapEveryMs: number }): Promise<StreamFaultFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-chaos-stream-'));
  const hub = hubProcess(join(dir, 'hub'), await freePort(), ['--heartbeat-ms', String(options.heartbeatMs)]);
  await hub.start();
  const sentAt = new Map<string, number>();
  const latencies = { baseline: [] as number[], withFaults: [] as number[] };
  let phase: keyof typeof latencies = 'baseline';
  const healthy = [1, 2].map((i) =>
    resumingClient({
      url: hub.url,
      email: 'supervisor@demo',
      name: `healthy ${i}`,
      onEvent: (event) => {
        const at = sentAt.get(event.conversationId);
        if (event.type === 'conversation:queued' && at !== undefined) latencies[phase].push(Date.now() - at);
      },
    }),
  );
  const flapper = resumingClient({ url: hub.url, email: 'supervisor@demo', name: 'flapping' });
  await Promise.all(healthy.map((client) => client.start()));
  const expected: string[] = [];
  let next = 0;
  const bot = async (until: number) => {
    while (next < until) {
      const n = next++;
      const response = await handOff(hub.url, {
        v: 1,
        id: `chaos-stream:${n}`,
        source: { platform: 'generic', bot: 'chaos-bot', conversationId: `s-${n}` },
        customer: { name: `Customer ${n}` },
        issue: { title: `Stream fault handoff ${n}` },
        transcript: [{ id: 't1', at: new Date().toISOString(), author: 'customer', text: `Please, a human (${n}) `.padEnd(2000, '.') }],
        routing: { queue: 'support', priority: 1 },
      });
      if (!response.ok) throw new Error(`handoff ${n} refused: ${response.status}`);
      const { conversationId } = (await response.json()) as { conversationId: string };
      sentAt.set(conversationId, Date.now());
      expected.push(conversationId);
    }
  };
  // Baseline: the same bot and healthy clients, no bad peers yet.
  await Promise.all(Array.from({ length: 4 }, () => bot(Math.floor(options.handoffs / 2))));
  await new Promise((wait) => setTimeout(wait, 500));
  phase = 'withFaults';
  await flapper.start();
  const token = await supervisorToken(hub.url);
  const halfOpen = await Promise.all(Array.from({ length: options.halfOpen }, () => helloSocket(hub.url, token, false)));
  const stalled = await Promise.all(Array.from({ length: options.stalled }, () => helloSocket(hub.url, token, true)));
  stalled.forEach((peer) => peer.tcp.pause());

  let rssMax: number | null = null;
  const sampler = setInterval(() => {
    const rss = hub.rss();
    if (rss !== null) rssMax = Math.max(rssMax ?? 0, rss);
  }, 200);
  let flaps = 0;
  const flapping = setInterval(() => {
    flaps += 1;
    flapper.flap();
  }, options.flapEveryMs);

  // The bot goes on, so events flow to every peer throughout (and fill the stalled ones' buffers).
  await Promise.all(Array.from({ length: 4 }, () => bot(options.handoffs)));
  // Long enough past the traffic for a peer that joined at the start to have missed two pings.
  await new Promise((wait) => setTimeout(wait, 3 * options.heartbeatMs));
  clearInterval(flapping);

  const halfOpenClosed = await Promise.all(halfOpen.map((peer) => within(peer.closedAt.then((at) => at - peer.helloAt), 0)));
  // A stalled peer the hub dropped gets its backlog and then the end of the stream as soon as it reads.
  stalled.forEach((peer) => peer.tcp.resume());
  const stalledClosed = await Promise.all(stalled.map((peer) => within(peer.closedAt, 5000)));

  const settle = Date.now();
  const everyone = [...healthy, flapper];
  while (Date.now() - settle < 20_000 && everyone.some((client) => expected.some((id) => !client.seen.has(`conversation:queued ${id}`)))) {
    await new Promise((wait) => setTimeout(wait, 200));
  }
  clearInterval(sampler);
  everyone.forEach((client) => client.stop());
  [...halfOpen, ...stalled].forEach((peer) => peer.socket.terminate());
  await hub.kill();
  rmSync(dir, { recursive: true, force: true });

  const counts = expected.map((id) => flapper.seen.get(`conversation:queued ${id}`) ?? 0);
  const dropTimes = halfOpenClosed.filter((ms): ms is number => ms !== null);
  return {
    heartbeatMs: options.heartbeatMs,
    handoffs: expected.length,
    halfOpen: {
      peers: halfOpen.length,
      dropped: dropTimes.length,
      dropMsMax: dropTimes.length ? Math.max(...dropTimes) : null,
      pingsMax: Math.max(0, ...halfOpen.map(({ peer }) => peer.pings)),
    },
    stalled: { peers: stalled.length, dropped: stalledClosed.filter((at) => at !== null).length },
    flapping: {
      flaps,
      delivered: counts.filter((count) => count > 0).length,
      lost: counts.filter((count) => count === 0).length,
      duplicated: counts.filter((count) => count > 1).length,
      outOfOrder: flapper.stats.outOfOrder,
      resyncs: flapper.stats.resyncs,
    },
    hubRssMaxBytes: rssMax,
    baseline: { p50: percentile(latencies.baseline, 50), p99: percentile(latencies.baseline, 99) },
    withFaults: { p50: percentile(latencies.withFaults, 50), p99: percentile(latencies.withFaults, 99) },
  };
}
