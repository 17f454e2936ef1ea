import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import { chaosAgent, checkReplies, repliesDelivered, type ReplyDelivery } from './agent-worker';
import { freePort, hubProcess } from './hub-process';
import { resumingClient } from './stream-client';

export interface HubChaosFigures {
  sent: number;
  accepted: number;
  retries: number;
  kills: number;
  /** Per eligible client: accepted handoffs it never saw, and ones it saw more than once. */
  clients: { name: string; delivered: number; lost: number; duplicated: number; outOfOrder: number; drops: number; resyncs: number }[];
  /** Conversations streamed that no 2xx answer named (a bot retry made a duplicate). */
  duplicateConversations: number;
  hubRssMaxBytes: number | null;
  /** Agents accepting, replying (retried with the same client id) and resolving while the hub dies. */
  agents: { accepted: number; replies: number; replyRetries: number; retriesRecognised: number; resolved: number };
  /** Per eligible client (supervisors: every reply; agents: their own), accepted replies lost, doubled, reordered. */
  replies: ReplyDelivery[];
  /** Time from the bot's 2xx to a healthy client seeing the handoff, while one client stalls. */
  deliveryMsP50: number | null;
  deliveryMsP99: number | null;
}

const envelope = (run: string, n: number) => ({
  v: 1,
  id: `chaos-bot:${run}:${n}`,
  source: { platform: 'generic', bot: 'chaos-bot', conversationId: `${run}-${n}` },
  customer: { name: `Customer ${n}` },
  issue: { title: `Chaos handoff ${n}` },
  transcript: [{ id: 't1', at: new Date().toISOString(), author: 'customer', text: `I need a human, case ${n}` }],
  routing: { queue: 'support', priority: 1 },
});

/** A bot that retries a handoff until a 2xx, with the same envelope id each time. */
async function handOff(url: string, body: unknown, onRetry: () => void): Promise<string> {
  for (;;) {
    try {
      const response = await fetch(`${url}/v1/handoffs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
        body: JSON.stringify(body),
      });
      if (response.ok) return ((await response.json()) as { conversationId: string }).conversationId;
      if (response.status < 500 && response.status !== 429) throw new Error(`handoff refused ${response.status}: ${await response.text()}`);
      // Over the integration's rate limit: wait as told (capped), as a well-behaved bot does, instead of hammering.
      if (response.status === 429) await new Promise((wait) => setTimeout(wait, Math.min(10_000, 1000 * (Number(response.headers.get('retry-after')) || 1))));
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('handoff refused')) throw error;
    }
    onRetry();
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/** Opens a stream and stops reading: the socket stays open, the kernel buffers fill, nothing is closed. */
async function stalledClient(url: string): Promise<WebSocket> {
  const response = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'supervisor@demo', password: 'demo' }) });
  const { token } = (await response.json()) as { token: string };
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/stream`);
  await new Promise((opened) => socket.once('open', opened));
  socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq: 0 }));
  socket.on('error', () => undefined);
  // ws exposes no pause; the underlying TCP socket does. Pongs stop too, as with a hung peer.
  (socket as unknown as { _socket: { pause(): void } })._socket.pause();
  return socket;
}

/** The seeded demo agents (email, user id): their streams make them available for offers. */
const DEMO_AGENTS: [string, string][] = [
  ['agent@demo', 'u_agent'],
  ['agent2@demo', 'u_agent2'],
  ['agent3@demo', 'u_agent3'],
];

const percentile = (values: number[], p: number) => (values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]! : null);

/**
 * SIGKILLs the hub `kills` times while a bot hands off `handoffs` conversations (retrying on any
 * failure with the same id) and `clients` supervisor streams resume from their last seq; one more
 * client stalls, and the healthy ones flap now and then. Then counts who saw what.
 */
export async function runHubChaos(options: { handoffs: number; kills: number; clients: number; concurrency?: number; log?: (line: string) => void }): Promise<HubChaosFigures> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'warmline-chaos-'));
  const hub = hubProcess(join(dir, 'hub'), await freePort());
  const run = `r${Date.now().toString(36)}`;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  await hub.start();
  const clients = Array.from({ length: options.clients }, (_, i) =>
    resumingClient({
      url: hub.url,
      email: 'supervisor@demo',
      name: `client ${i + 1}`,
      onEvent: i === 0 ? (event) => {
        const at = sentAt.get(event.conversationId);
        if (event.type === 'conversation:queued' && at !== undefined) latencies.push(Date.now() - at);
      } : undefined,
    }),
  );
  const agents = DEMO_AGENTS.map(([email, userId]) => chaosAgent({ url: hub.url, email, userId, run }));
  await Promise.all([...clients, ...agents].map((client) => client.start()));
  const stalled = await stalledClient(hub.url);

  let accepted = 0;
  let retries = 0;
  let kills = 0;
  let rssMax: number | null = null;
  const conversationOf = new Map<number, string>();
  let next = 0;
  const killEvery = Math.max(1, Math.floor(options.handoffs / (options.kills + 1)));
  let nextKillAt = killEvery;
  // Typed wide on purpose: workers set it from inside closures, where narrowing cannot follow.
  let killing = null as Promise<void> | null;

  const sampler = setInterval(() => {
    const rss = hub.rss();
    if (rss !== null) rssMax = Math.max(rssMax ?? 0, rss);
  }, 200);

  async function worker(): Promise<void> {
    while (next < options.handoffs) {
      const n = next++;
      if (killing) await killing;
      const conversationId = await handOff(hub.url, envelope(run, n), () => (retries += 1));
      if (!sentAt.has(conversationId)) sentAt.set(conversationId, Date.now());
      conversationOf.set(n, conversationId);
      accepted += 1;
      if (accepted % 97 === 0) clients[accepted % clients.length]!.flap();
      if (accepted >= nextKillAt && kills < options.kills && !killing) {
        nextKillAt += killEvery;
        // Killed while the other workers' requests are in flight: some get no answer and retry.
        killing = (async () => {
          await hub.kill();
          kills += 1;
          log(`  hub SIGKILLed (${kills}/${options.kills}) after ${accepted} accepted handoffs`);
          await hub.start();
          killing = null;
        })();
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 20 }, worker));
  if (killing) await killing;
  // The agents finish the conversations in hand; new offers keep coming from the queue meanwhile.
  await Promise.race([Promise.all(agents.map((agent) => agent.finish())), new Promise((wait) => setTimeout(wait, 30_000))]);

  // Let the streams drain, then compare.
  const expected = new Set(conversationOf.values());
  const settle = Date.now();
  const delivered = () => clients.every((client) => [...expected].every((id) => client.seen.has(`conversation:queued ${id}`))) && repliesDelivered(agents, clients);
  while (Date.now() - settle < 30_000 && !delivered()) {
    await new Promise((wait) => setTimeout(wait, 200));
  }
  clearInterval(sampler);
  const replyDelivery = checkReplies(agents, clients);
  [...clients, ...agents].forEach((client) => client.stop());
  stalled.terminate();
  await hub.kill();
  rmSync(dir, { recursive: true, force: true });

  return {
    sent: options.handoffs,
    accepted,
    retries,
    kills,
    clients: clients.map((client) => {
      let lost = 0;
      let duplicated = 0;
      for (const id of expected) {
        const count = client.seen.get(`conversation:queued ${id}`) ?? 0;
        if (count === 0) lost += 1;
        if (count > 1) duplicated += 1;
      }
      return { name: client.stats.name, delivered: expected.size - lost, lost, duplicated, outOfOrder: client.stats.outOfOrder, drops: client.stats.drops, resyncs: client.stats.resyncs };
    }),
    // Every queued conversation a client saw that no 2xx named: a retry that made a second one.
    duplicateConversations: [...(clients[0]?.seen.keys() ?? [])].filter((key) => key.startsWith('conversation:queued ') && !expected.has(key.slice('conversation:queued '.length))).length,
    agents: {
      accepted: agents.reduce((sum, agent) => sum + agent.figures.accepted, 0),
      replies: agents.reduce((sum, agent) => sum + [...agent.figures.replies.values()].reduce((n, written) => n + written.length, 0), 0),
      replyRetries: agents.reduce((sum, agent) => sum + agent.figures.replyRetries, 0),
      retriesRecognised: agents.reduce((sum, agent) => sum + agent.figures.retriesRecognised, 0),
      resolved: agents.reduce((sum, agent) => sum + agent.figures.resolved, 0),
    },
    replies: replyDelivery,
    hubRssMaxBytes: rssMax,
    deliveryMsP50: percentile(latencies, 50),
    deliveryMsP99: percentile(latencies, 99),
  };
}
