import { rmSync } from 'node:fs';
import { hashPassword } from '../../src/hub/auth/passwords';
import { prepareEnvelope } from '../../src/hub/intake/prepare-envelope';
import type { RunningHub } from '../../src/hub/server';
import type { ServerMessage } from '../../src/shared/protocol';
import { handoffEnvelope } from './envelopes';
import { BENCH_INTEGRATION_TOKEN, BENCH_PASSWORD, tempDir } from './hub-fixture';
import { createPoster } from './http-post';
import { createRandom } from './prng';
import { createSentences } from './sentences';
import { startBenchHubProcess } from './start-hub';
import { listenToStream } from './stream-listener';

/** A floor the way the figures describe it: a backed-up room, agents online, live churn, a probe queue. */
export interface BoardLoadOptions {
  agents: number;
  /** Handoffs left waiting in backlog queues nobody staffs: the board's active conversations. */
  backlog: number;
}

export const BOARD_WALLBOARD_TOKEN = 'bench-wallboard-token';
export const BOARD_SUPERVISOR = { id: 'u_board_supervisor', email: 'supervisor@board' };
/** Nobody staffs this queue: each probe handoff adds one to its waiting count on every screen. */
export const PROBE_QUEUE = 'probe';
const LIVE_QUEUE = 'live';
const BACKLOG_QUEUES = ['backlog-1', 'backlog-2', 'backlog-3', 'backlog-4'];
/** Events each churn cycle makes: queued, offered, assigned (accept), resolved. */
export const EVENTS_PER_CYCLE = 4;
const AGENT_CAPACITY = 20;
const DAY_MS = 24 * 3600_000;

export interface BoardHub {
  running: RunningHub;
  url: string;
  wallboardUrl: string;
  /** Posts one handoff into the probe queue; resolves with the hub's `at` for its queued event (epoch ms). */
  probe(): Promise<number>;
  /** Probes posted so far: the probe queue's true waiting count, since nobody staffs it. */
  probesPosted(): number;
  /** Starts `cyclesPerSecond` handoff → accept → resolve cycles in the live queue until the returned stop. */
  churn(cyclesPerSecond: number, holdMs: number): { stop(): Promise<ChurnTally> };
  close(): Promise<void>;
  /** Seconds the setup took: the backlog handoffs, then the agents' accounts and sockets. */
  setup: { backlogSeconds: number; agentsSeconds: number };
}

export interface ChurnTally {
  cycles: number;
  failures: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Backlog handoffs written between two event-loop turns (the hub's stream flushes in the turns). */
const BACKLOG_BATCH = 50;
/** Agents whose sockets open at once. */
const AGENT_BATCH = 25;

/**
 * The real hub (as `startHub` with the demo seed, see start-hub.ts) with `agents` agent accounts made through its
 * AccountRepository, each connected over a real WebSocket (so each is online and the watchers get
 * the 'agents' list), and `backlog` handoffs posted over HTTP into queues none of them staffs.
 */
export async function startBoardHub(options: BoardLoadOptions): Promise<BoardHub> {
  const dataDir = tempDir('warmline-bench-board-');
  const running = await startBenchHubProcess({ dataDir, demo: true, offerTimeoutMs: null });
  const { accounts, events } = running.hub.context;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const allQueues = [LIVE_QUEUE, PROBE_QUEUE, ...BACKLOG_QUEUES];
  for (const queue of allQueues) await accounts.saveQueue(queue, `Bench ${queue}`);
  await accounts.saveIntegration('bench', 'Bench bots', BENCH_INTEGRATION_TOKEN, LIVE_QUEUE);
  await accounts.saveUser({ ...BOARD_SUPERVISOR, name: 'Board Supervisor', role: 'supervisor', capacity: 0, passwordHash, queues: allQueues });
  await accounts.saveUser({ id: 'u_board_wall', email: 'wall@board', name: 'Board wallboard', role: 'wallboard', capacity: 0, passwordHash, queues: allQueues });
  await accounts.createSession(BOARD_WALLBOARD_TOKEN, 'u_board_wall', new Date(), DAY_MS);

  const random = createRandom(11);
  const sentences = createSentences(random);
  const poster = createPoster(running.url, BENCH_INTEGRATION_TOKEN, 4);
  const bodies = Array.from({ length: 32 }, (_, i) => JSON.stringify(handoffEnvelope(random, sentences, `__ID__${i}`, 6, '__QUEUE__')));
  let posted = 0;
  let probes = 0;
  const postHandoff = async (queue: string): Promise<string> => {
    const body = (bodies[posted % bodies.length] ?? '').replace('__ID__', `board-${posted}-`).replace('__QUEUE__', queue);
    posted += 1;
    const answer = await poster.post('/v1/handoffs', body);
    if (answer.status !== 201) throw new Error(`bench handoff refused: ${answer.status} ${answer.text.slice(0, 200)}`);
    return (JSON.parse(answer.text) as { conversationId: string }).conversationId;
  };

  // The backlog is the room the screens open on, not a figure: it goes through the handoff route's
  // own steps (prepareEnvelope's schema check and enrichment, then the conversation service's
  // ingest), in process instead of one HTTP request each. The churn and the probes, which the
  // figures time, still come over HTTP. 5,000 posts took ~30 s of a full run's setup.
  const setupStarted = performance.now();
  const integration = await accounts.integrationByToken(BENCH_INTEGRATION_TOKEN);
  if (!integration) throw new Error('the bench integration is not set up on this hub');
  for (let i = 0; i < options.backlog; i += 1) {
    const queue = BACKLOG_QUEUES[i % BACKLOG_QUEUES.length] ?? LIVE_QUEUE;
    const body = (bodies[posted % bodies.length] ?? '').replace('__ID__', `board-${posted}-`).replace('__QUEUE__', queue);
    posted += 1;
    const prepared = prepareEnvelope(JSON.parse(body));
    if (!prepared.ok) throw new Error(`bench backlog handoff refused: ${JSON.stringify(prepared).slice(0, 200)}`);
    await running.hub.context.service.ingest(prepared.envelope, integration, { isPrepared: prepared.isEnriched });
    if ((i + 1) % BACKLOG_BATCH === 0) await nextTurn();
  }
  const backlogSeconds = (performance.now() - setupStarted) / 1000;

  // Offers reach the agent's own stream; the agent accepts over HTTP as the workspace would.
  const offered: { conversationId: string; token: string }[] = [];
  const agents: { token: string; close(): void }[] = [];
  const connectAgent = async (i: number) => {
    const id = `u_board_agent_${i}`;
    const token = `bench-agent-token-${i}`;
    await accounts.saveUser({ id, email: `agent${i}@board`, name: `Agent ${i}`, role: 'agent', capacity: AGENT_CAPACITY, passwordHash, queues: [LIVE_QUEUE], skills: ['refunds'], languages: ['en'] });
    await accounts.createSession(token, id, new Date(), DAY_MS);
    const listener = await listenToStream(running.url, token, (text) => {
      if (!text.includes('"conversation:offered"')) return;
      const message = JSON.parse(text) as ServerMessage;
      if (message.type !== 'events') return;
      for (const event of message.events) if (event.type === 'conversation:offered' && event.offer.agentId === id) offered.push({ conversationId: event.conversationId, token });
    });
    agents.push({ token, close: listener.close });
  };
  // Sockets open a batch at a time (one at a time, each waited for, was a fixed cost of the setup).
  const agentsStarted = performance.now();
  for (let i = 0; i < options.agents; i += AGENT_BATCH) {
    await Promise.all(Array.from({ length: Math.min(AGENT_BATCH, options.agents - i) }, (_, k) => connectAgent(i + k)));
  }
  const agentsSeconds = (performance.now() - agentsStarted) / 1000;

  const staff = createPoster(running.url, '', 8);
  const asAgent = (token: string, path: string, body: unknown) =>
    staff.postAs(token, path, JSON.stringify(body)).then((answer) => answer.status >= 200 && answer.status < 300);

  return {
    running,
    url: running.url,
    wallboardUrl: `${running.url}/wallboard/?token=${BOARD_WALLBOARD_TOKEN}&rotate=3600`,
    async probe() {
      const before = await events.latestSeq();
      await postHandoff(PROBE_QUEUE);
      probes += 1;
      const queued = (await events.forQueues([PROBE_QUEUE], before, 10)).find((event) => event.type === 'conversation:queued');
      if (!queued) throw new Error('the probe handoff logged no conversation:queued event');
      return Date.parse(queued.at);
    },
    probesPosted: () => probes,
    setup: { backlogSeconds, agentsSeconds },
    churn(cyclesPerSecond, holdMs) {
      let isRunning = true;
      const tally: ChurnTally = { cycles: 0, failures: 0 };
      const inFlight = new Set<Promise<unknown>>();
      const track = (work: Promise<unknown>) => {
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      };
      const cycle = async () => {
        try {
          await postHandoff(LIVE_QUEUE);
        } catch {
          tally.failures += 1;
        }
      };
      // Accept every offer as it arrives, resolve it `holdMs` later: the live set stays steady.
      const accepter = async () => {
        while (isRunning || offered.length > 0) {
          const next = offered.shift();
          if (!next) {
            await sleep(5);
            continue;
          }
          track(
            (async () => {
              const accepted = await asAgent(next.token, `/v1/conversations/${next.conversationId}/accept`, {});
              await sleep(holdMs);
              const resolved = accepted && (await asAgent(next.token, `/v1/conversations/${next.conversationId}/resolve`, { disposition: 'solved' }));
              if (resolved) tally.cycles += 1;
              else tally.failures += 1;
            })(),
          );
        }
      };
      const producer = async () => {
        const started = performance.now();
        for (let k = 0; isRunning; k += 1) {
          const wait = started + (k * 1000) / cyclesPerSecond - performance.now();
          if (wait > 0) await sleep(wait);
          if (isRunning) track(cycle());
        }
      };
      const running = Promise.all([producer(), accepter()]);
      return {
        async stop() {
          isRunning = false;
          await running;
          await Promise.all([...inFlight]);
          return tally;
        },
      };
    },
    async close() {
      for (const agent of agents) agent.close();
      poster.close();
      staff.close();
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
