import type { ConversationView } from '../../src/shared/conversation';
import type { HubEvent } from '../../src/shared/protocol';
import { resumingClient, type ResumingClient } from './stream-client';

/** Replies an agent writes in each conversation it takes, before resolving it. */
const REPLIES_PER_CONVERSATION = 2;
/** In every this-many conversations each reply is sent again after its 2xx, with the same client id, as a retrying desktop would. */
const DELIBERATE_RESEND_EVERY = 5;

export interface AgentFigures {
  name: string;
  accepted: number;
  /** Replies the hub answered 2xx, in the order the agent wrote them, per conversation. */
  replies: Map<string, string[]>;
  resolved: number;
  /** Replies sent again after a failed, lost or (deliberately) successful attempt, with the same client id. */
  replyRetries: number;
  /** Answers 200 (already stored) instead of 201: the hub recognised a retry and wrote nothing new. */
  retriesRecognised: number;
}

type Answer = { status: number; json: unknown } | null;

/**
 * A desktop agent under chaos: its stream makes it available, and each offer it sees is accepted,
 * answered with a few replies and resolved over HTTP. Any request the hub kill swallows is sent
 * again with the same client id until a status comes back, so nothing is written twice.
 */
export function chaosAgent(options: { url: string; email: string; run: string; userId: string }) {
  let token = '';
  let stopped = false;
  let taking = true;
  const handled = new Set<string>();
  const busy = new Set<Promise<void>>();
  const figures: AgentFigures = { name: options.email, accepted: 0, replies: new Map(), resolved: 0, replyRetries: 0, retriesRecognised: 0 };

  async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    try {
      if (!token) {
        const signIn = await fetch(`${options.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: options.email, password: 'demo' }) });
        if (!signIn.ok) return null;
        token = ((await signIn.json()) as { token: string }).token;
      }
      const response = await fetch(`${options.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status === 401) token = '';
      return { status: response.status, json: await response.json().catch(() => null) };
    } catch {
      return null; // the hub is down or the answer was lost: the caller retries
    }
  }

  /** Sends until the hub answers with something other than a 5xx, 429 or 401; null once stopped. */
  async function persist(method: string, path: string, body: unknown, onRetry: () => void = () => undefined): Promise<Answer> {
    for (let attempt = 0; !stopped; attempt += 1) {
      if (attempt > 0) {
        onRetry();
        await new Promise((wait) => setTimeout(wait, 100));
      }
      const answer = await call(method, path, body);
      if (answer && answer.status < 500 && answer.status !== 429 && answer.status !== 401) return answer;
    }
    return null;
  }

  async function isMine(id: string): Promise<boolean> {
    const answer = await persist('GET', `/v1/conversations/${id}`, undefined);
    const view = answer?.status === 200 ? (answer.json as ConversationView) : null;
    return view?.state === 'assigned' && view.owner.id === options.userId;
  }

  async function work(id: string): Promise<void> {
    const accepted = await persist('POST', `/v1/conversations/${id}/accept`, {});
    // A 409 may mean our own accept landed before a kill swallowed its answer.
    if (!accepted || (accepted.status !== 200 && !(await isMine(id)))) return;
    figures.accepted += 1;
    const written: string[] = [];
    figures.replies.set(id, written);
    for (let k = 1; k <= REPLIES_PER_CONVERSATION; k += 1) {
      const clientMessageId = `${options.run}:${id}:${k}`;
      const reply = { clientMessageId, text: `Reply ${k} from ${options.email}` };
      const send = async (onRetry: () => void) => {
        const answer = await persist('POST', `/v1/conversations/${id}/messages`, reply, onRetry);
        if (answer?.status === 200) figures.retriesRecognised += 1;
        return answer;
      };
      const answer = await send(() => (figures.replyRetries += 1));
      if (!answer || answer.status >= 300) return;
      written.push(clientMessageId);
      // The agent's first conversation and every fifth after it: a quick run in which an agent takes
      // only a few chats still proves a resent reply is recognised.
      if ((figures.replies.size - 1) % DELIBERATE_RESEND_EVERY === 0) {
        figures.replyRetries += 1;
        await send(() => (figures.replyRetries += 1));
      }
    }
    const resolved = await persist('POST', `/v1/conversations/${id}/resolve`, { disposition: 'solved' });
    if (resolved && resolved.status < 300) figures.resolved += 1;
  }

  function onEvent(event: HubEvent): void {
    if (!taking || event.type !== 'conversation:offered' || event.offer.agentId !== options.userId || handled.has(event.conversationId)) return;
    handled.add(event.conversationId);
    const job = work(event.conversationId).finally(() => busy.delete(job));
    busy.add(job);
  }

  const stream = resumingClient({ url: options.url, email: options.email, name: options.email, onEvent });
  return {
    figures,
    stream,
    start: stream.start,
    /** Takes no new offers and waits for the conversations in hand to be replied to and resolved. */
    async finish(): Promise<void> {
      taking = false;
      while (busy.size > 0) await Promise.all([...busy]);
    },
    stop(): void {
      stopped = true;
      stream.stop();
    },
  };
}

export type ChaosAgent = ReturnType<typeof chaosAgent>;

export interface ReplyDelivery {
  name: string;
  /** Accepted (2xx) replies this client should have seen. */
  expected: number;
  lost: number;
  duplicated: number;
  /** Conversations whose replies arrived in another order than the agent wrote them. */
  outOfOrder: number;
}

/**
 * Every accepted reply, checked on each eligible stream: the queue's supervisors see all of them,
 * an agent the ones it wrote itself. Exactly once each, in the order they were written.
 */
export function checkReplies(agents: ChaosAgent[], supervisors: ResumingClient[]): ReplyDelivery[] {
  const check = (client: ResumingClient, replies: Map<string, string[]>): ReplyDelivery => {
    const result: ReplyDelivery = { name: client.stats.name, expected: 0, lost: 0, duplicated: 0, outOfOrder: 0 };
    for (const [conversationId, written] of replies) {
      result.expected += written.length;
      const mine = new Set(written);
      // First arrivals only: a duplicate is counted as such, not also as a reordering.
      const delivered = (client.messages.get(conversationId) ?? []).filter((id, index, list) => mine.has(id) && list.indexOf(id) === index);
      for (const id of written) {
        const count = client.seen.get(`message:added ${conversationId} ${id}`) ?? 0;
        if (count === 0) result.lost += 1;
        if (count > 1) result.duplicated += 1;
      }
      if (delivered.join('\n') !== written.filter((id) => delivered.includes(id)).join('\n')) result.outOfOrder += 1;
    }
    return result;
  };
  const all = new Map(agents.flatMap((agent) => [...agent.figures.replies]));
  return [...supervisors.map((client) => check(client, all)), ...agents.map((agent) => check(agent.stream, agent.figures.replies))];
}

/** True once each eligible client has seen every accepted reply (or the deadline passed). */
export const repliesDelivered = (agents: ChaosAgent[], supervisors: ResumingClient[]) =>
  checkReplies(agents, supervisors).every((client) => client.lost === 0);
