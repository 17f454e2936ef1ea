import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { ConversationView } from '../../shared/conversation';
import type { ServerMessage } from '../../shared/protocol';
import { DEMO_PASSWORD, DEMO_QUEUE, type DemoPerson } from './seed';
import { isDemoTraffic } from './handoff-generator';

/**
 * Simulated colleagues of the demo floor: agents who cover every skill the demo traffic needs, so
 * its queues move while the person trying Warmline (agent@demo) still gets offers of their own.
 */
export const FLOOR_AGENTS: DemoPerson[] = [
  { id: 'u_sim_lena', email: 'lena@demo', name: 'Lena Fischer', role: 'agent', capacity: 2, skills: ['billing', 'returns', 'account'], languages: ['en', 'de'], queues: [DEMO_QUEUE, 'billing'] },
  { id: 'u_sim_tomas', email: 'tomas@demo', name: 'Tomás Reyes', role: 'agent', capacity: 2, skills: ['delivery', 'returns', 'account'], languages: ['en', 'es'], queues: [DEMO_QUEUE] },
  { id: 'u_sim_mei', email: 'mei@demo', name: 'Mei Chen', role: 'agent', capacity: 2, skills: ['fraud', 'billing', 'delivery'], languages: ['en', 'zh'], queues: [DEMO_QUEUE, 'billing', 'fraud'] },
  { id: 'u_sim_omar', email: 'omar@demo', name: 'Omar Haddad', role: 'agent', capacity: 2, skills: ['account', 'delivery', 'fraud', 'returns'], languages: ['en', 'ar'], queues: [DEMO_QUEUE, 'fraud'] },
];

/** How a simulated agent paces their work, in ms: [shortest, longest], picked at random between. */
export interface FloorPace {
  accept: [number, number];
  reply: [number, number];
  resolve: [number, number];
}

/** A person reads the card before accepting, writes, and wraps up after a minute or two. */
export const HUMAN_PACE: FloorPace = { accept: [3_000, 12_000], reply: [4_000, 15_000], resolve: [60_000, 150_000] };

/** The rate HUMAN_PACE keeps about half the simulated seats busy at. */
const HUMAN_RATE_PER_MINUTE = 2;

/**
 * The pace for a traffic rate: chats wrap up faster as traffic rises, so the simulated seats stay
 * about half busy and queues keep moving (a shorter chat, not a fuller floor).
 */
export function paceFor(perMinute: number): FloorPace {
  const factor = Math.min(1, HUMAN_RATE_PER_MINUTE / perMinute);
  const [shortest, longest] = HUMAN_PACE.resolve;
  return { ...HUMAN_PACE, resolve: [Math.max(15_000, shortest * factor), Math.max(30_000, longest * factor)] };
}

export interface DemoFloorOptions {
  hubUrl: string;
  agents?: readonly DemoPerson[];
  pace?: FloorPace;
  onError?: (error: unknown) => void;
}

const MAX_RECONNECTS = 20;

const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);
const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

/**
 * Signs the simulated agents in over the hub's public API, as a workstation does: a session, the
 * stream (which makes them available), accept, reply and resolve through the same routes. They take
 * only the generated demo traffic and decline anything else (the customer chat a tester opens, a
 * handoff they post), so that goes to a person.
 */
export function startDemoFloor(options: DemoFloorOptions) {
  const pace = options.pace ?? HUMAN_PACE;
  const report = options.onError ?? ((error: unknown) => console.error(`demo floor: ${String(error)}`));
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<WebSocket>();
  const tokens: string[] = [];
  let isStopped = false;

  const later = (ms: number, run: () => Promise<unknown>) => {
    if (isStopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!isStopped) void run().catch(report);
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  async function call(token: string, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${options.hubUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  function work(token: string, agent: DemoPerson, view: ConversationView): void {
    const customer = firstName(view.envelope.customer.name);
    const say = (text: string) => call(token, 'POST', `/v1/conversations/${view.id}/messages`, { clientMessageId: randomUUID(), text });
    later(between(pace.reply), () => say(`Hi ${customer}, I'm ${firstName(agent.name!)}. I have everything the assistant collected, so no need to repeat it: I'm on it now.`));
    later(between(pace.resolve), async () => {
      await say('That is sorted for you. Thanks for your patience, and have a good day.');
      await call(token, 'POST', `/v1/conversations/${view.id}/resolve`, { disposition: Math.random() < 0.85 ? 'solved' : 'follow_up' });
    });
  }

  function onOffer(token: string, agent: DemoPerson, view: ConversationView): void {
    if (!isDemoTraffic(view.envelope)) {
      later(500, () => call(token, 'POST', `/v1/conversations/${view.id}/decline`, { reason: 'Simulated colleague: left for a person' }));
      return;
    }
    later(between(pace.accept), async () => {
      const accepted = await call(token, 'POST', `/v1/conversations/${view.id}/accept`);
      // An offer that expired or was withdrawn meanwhile is someone else's now.
      if (accepted.ok) work(token, agent, view);
    });
  }

  async function connect(token: string, agent: DemoPerson, attempt: number): Promise<void> {
    const health = (await (await fetch(`${options.hubUrl}/healthz`)).json()) as { seq: number };
    const socket = new WebSocket(`${options.hubUrl.replace(/^http/, 'ws')}/v1/stream`);
    sockets.add(socket);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq: health.seq })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type !== 'events') return;
      for (const event of message.events) {
        if (event.type === 'conversation:offered' && event.offer.agentId === agent.id) onOffer(token, agent, event.conversation);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      if (isStopped || attempt >= MAX_RECONNECTS) return;
      later(2_000 * (attempt + 1), () => connect(token, agent, attempt + 1));
    });
  }

  async function signIn(agent: DemoPerson): Promise<void> {
    const response = await fetch(`${options.hubUrl}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`${agent.email} could not sign in: ${response.status}`);
    const { token } = (await response.json()) as { token: string };
    tokens.push(token);
    // Chats they held before a restart are finished first.
    const open = (await (await call(token, 'GET', '/v1/conversations')).json()) as { conversations: ConversationView[] };
    for (const view of open.conversations) {
      if (view.state === 'assigned' && view.owner.id === agent.id) later(between(pace.reply), () => call(token, 'POST', `/v1/conversations/${view.id}/resolve`, { disposition: 'solved' }));
      else if (view.offer?.agentId === agent.id) onOffer(token, agent, view);
    }
    await connect(token, agent, 0);
  }

  const ready = Promise.all((options.agents ?? FLOOR_AGENTS).map((agent) => signIn(agent).catch(report)));

  return {
    /** Settles once every simulated agent has signed in (or failed to, reported). */
    ready,
    async stop(): Promise<void> {
      isStopped = true;
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.close();
      await Promise.all(tokens.map((token) => call(token, 'DELETE', '/v1/sessions').catch(() => undefined)));
    },
  };
}
