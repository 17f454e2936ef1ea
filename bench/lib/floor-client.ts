import http from 'node:http';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src/shared/protocol';
import { handoffEnvelope } from './envelopes';
import { percentile } from './percentiles';
import { createRandom } from './prng';
import { createSentences } from './sentences';

/**
 * A contact-centre floor as one child process: `agents` streams signed in (so each is online),
 * bots posting handoffs, and every agent accepting each offer as it arrives and resolving it
 * `holdMs` later over HTTP, as the workspace does. Run apart from the hub so that the hub's
 * process CPU is the hub's alone.
 */
export interface FloorRequest {
  url: string;
  integrationToken: string;
  agents: { id: string; token: string }[];
  /** Streams that watch the queue as supervisors do (their board is recomputed on each change). */
  supervisorTokens: string[];
  queue: string;
  /** 'paced': handoffs at `ratePerSecond`, whatever the answers; 'saturate': `concurrency` posters back to back. */
  mode: 'paced' | 'saturate';
  ratePerSecond: number;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  holdMs: number;
  turns: number;
  runId: string;
  seed: number;
}

export interface FloorResult {
  /** Handoffs answered 201 in the measured window, and per second over it. */
  handoffs: number;
  perSecond: number;
  failed: number;
  /** POST sent → the offered agent's stream read its offer, for handoffs posted in the window. */
  offerMs: { count: number; p50: number; p95: number; p99: number };
  answerMs: { count: number; p50: number; p95: number };
  /** Handoffs posted in the window whose offer never came before the run ended. */
  neverOffered: number;
  accepted: number;
  resolved: number;
  agentFailures: number;
  /** Handoffs posted in the whole run, warm-up included: what the hub's CPU time is divided by. */
  totalHandoffs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BODIES = 100;
const ID_MARK = '__floor_id__';
const CONNECT_BATCH = 25;

async function openStream(url: string, token: string, onFrame: (text: string) => void): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/stream`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const welcomed = new Promise<void>((resolve) => {
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"welcome"')) resolve();
      onFrame(text);
    });
  });
  socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq: 0 }));
  await welcomed;
  return socket;
}

/** Opens the floor's streams; the returned `run` puts the load on and closes them at the end. */
export async function openFloor(request: FloorRequest): Promise<{ run(): Promise<FloorResult> }> {
  const random = createRandom(request.seed);
  const sentences = createSentences(random);
  const templates = Array.from({ length: BODIES }, () => {
    const [before, after] = JSON.stringify(handoffEnvelope(random, sentences, ID_MARK, request.turns, request.queue)).split(ID_MARK);
    return { before: before ?? '', after: after ?? '' };
  });
  const target = new URL(request.url);
  const botAgent = new http.Agent({ keepAlive: true, maxSockets: Math.max(16, request.concurrency) });
  const staffAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const post = (agent: http.Agent, token: string, path: string, body: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve) => {
      const outgoing = http.request(
        { host: target.hostname, port: target.port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      outgoing.on('error', () => resolve({ status: 0, text: '' }));
      outgoing.end(body);
    });

  const tally = { handoffs: 0, failed: 0, accepted: 0, resolved: 0, agentFailures: 0 };
  const offeredAt = new Map<string, number>();
  const postedAt = new Map<string, number>();
  const offerMs: number[] = [];
  const answerMs: number[] = [];
  let measureFrom = Number.POSITIVE_INFINITY;
  let measureTo = Number.POSITIVE_INFINITY;
  let isRunning = true;

  const noteOffer = (conversationId: string, at: number) => {
    const started = postedAt.get(conversationId);
    if (started === undefined) return void offeredAt.set(conversationId, at);
    postedAt.delete(conversationId);
    if (started >= measureFrom && started < measureTo) offerMs.push(at - started);
  };
  /** The agent accepts at once and resolves `holdMs` later; chats still held when the run ends are left open. */
  const work = async (agent: { id: string; token: string }, conversationId: string) => {
    const accepted = await post(staffAgent, agent.token, `/v1/conversations/${conversationId}/accept`, '{}');
    if (accepted.status >= 300) return void (tally.agentFailures += 1);
    tally.accepted += 1;
    await sleep(request.holdMs);
    if (!isRunning) return;
    const resolved = await post(staffAgent, agent.token, `/v1/conversations/${conversationId}/resolve`, '{"disposition":"solved"}');
    if (resolved.status >= 300) tally.agentFailures += 1;
    else tally.resolved += 1;
  };

  const sockets: WebSocket[] = [];
  for (let i = 0; i < request.agents.length; i += CONNECT_BATCH) {
    const batch = request.agents.slice(i, i + CONNECT_BATCH);
    sockets.push(
      ...(await Promise.all(
        batch.map((agent) =>
          openStream(request.url, agent.token, (text) => {
            if (!text.includes('"conversation:offered"')) return;
            const at = performance.now();
            const message = JSON.parse(text) as ServerMessage;
            if (message.type !== 'events') return;
            for (const event of message.events) {
              if (event.type !== 'conversation:offered' || event.offer.agentId !== agent.id) continue;
              noteOffer(event.conversationId, at);
              if (isRunning) void work(agent, event.conversationId);
            }
          }),
        ),
      )),
    );
  }
  for (const token of request.supervisorTokens) sockets.push(await openStream(request.url, token, () => undefined));
  return { run };

  async function run(): Promise<FloorResult> {
    let sent = 0;
    const handoff = async () => {
      const index = sent;
      sent += 1;
      const template = templates[index % BODIES] ?? { before: '', after: '' };
      const started = performance.now();
      const answer = await post(botAgent, request.integrationToken, '/v1/handoffs', `${template.before}${request.runId}-${index}${template.after}`);
      const answered = performance.now();
      const isMeasured = started >= measureFrom && started < measureTo;
      if (answer.status !== 201) {
        if (isMeasured) tally.failed += 1;
        return;
      }
      const { conversationId } = JSON.parse(answer.text) as { conversationId: string };
      if (isMeasured) {
        tally.handoffs += 1;
        answerMs.push(answered - started);
      }
      const at = offeredAt.get(conversationId);
      if (at === undefined) return void postedAt.set(conversationId, started);
      offeredAt.delete(conversationId);
      if (isMeasured) offerMs.push(at - started);
    };

    const started = performance.now();
    measureFrom = started + request.warmupMs;
    measureTo = measureFrom + request.measureMs;
    if (request.mode === 'paced') {
      const posts: Promise<void>[] = [];
      for (let k = 0; performance.now() < measureTo; k += 1) {
        const wait = started + (k * 1000) / request.ratePerSecond - performance.now();
        if (wait > 0) await sleep(wait);
        posts.push(handoff());
      }
      await Promise.all(posts);
    } else {
      await Promise.all(
        Array.from({ length: request.concurrency }, async () => {
          while (performance.now() < measureTo) await handoff();
        }),
      );
    }
    const windowEnd = performance.now();
    // Offers of the window's last handoffs may still be on their way.
    const settleBy = Date.now() + 5000;
    while ([...postedAt.values()].some((at) => at >= measureFrom && at < measureTo) && Date.now() < settleBy) await sleep(20);
    isRunning = false;
    const neverOffered = [...postedAt.values()].filter((at) => at >= measureFrom && at < measureTo).length;
    for (const socket of sockets) socket.close();
    botAgent.destroy();
    staffAgent.destroy();
    const seconds = Math.max(0.001, (Math.min(windowEnd, measureTo) - measureFrom) / 1000);
    return {
      handoffs: tally.handoffs,
      perSecond: tally.handoffs / seconds,
      failed: tally.failed,
      offerMs: { count: offerMs.length, p50: percentile(offerMs, 50), p95: percentile(offerMs, 95), p99: percentile(offerMs, 99) },
      answerMs: { count: answerMs.length, p50: percentile(answerMs, 50), p95: percentile(answerMs, 95) },
      neverOffered,
      accepted: tally.accepted,
      resolved: tally.resolved,
      agentFailures: tally.agentFailures,
      totalHandoffs: sent,
    };
  }
}

/** The child's protocol: a FloorRequest opens the floor (answer: 'ready'), then 'run' runs it (answer: the result). */
if (process.send) {
  let floor: Promise<{ run(): Promise<FloorResult> }> | null = null;
  process.on('message', (message: FloorRequest | 'run') => {
    if (message !== 'run') {
      floor = openFloor(message);
      void floor.then(() => process.send?.('ready'));
    } else if (floor) {
      void floor.then((opened) => opened.run()).then((result) => process.send?.(result));
    }
  });
}
