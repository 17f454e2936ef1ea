import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { Message } from '../../shared/conversation';
import type { ErrorCode } from '../../shared/errors';
import type { HubEventBody } from '../../shared/protocol';
import { LIVE_SENTIMENT_TURNS, liveSentiment } from '../enrichment/live-sentiment';
import { transition, type Command, type Transition } from '../lifecycle/transitions';
import type { AccountRepository } from '../store/accounts';
import type { ConversationRecord, ConversationRepository } from '../store/conversations';
import type { HubDatabase } from '../store/database';
import type { EventLog, LoggedEvent } from '../store/events';
import type { Presence } from './presence';
import { createRepeatAskRecorder } from './repeat-asks';

/**
 * A refusal a service explains to its caller: `new ServiceError('not_found', 'No such conversation.')`.
 * The code comes from the catalogue in src/shared/errors.ts; its HTTP status is the route edge's business.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ConversationServiceDeps {
  db: HubDatabase;
  conversations: ConversationRepository;
  accounts: AccountRepository;
  events: EventLog;
  presence: Presence;
  /** Hands committed events on; resolves once this process has. */
  publish(events: LoggedEvent[]): void | Promise<void>;
  now(): Date;
  /** How long an agent has to accept an offer before it moves on; null: no limit. */
  offerTimeoutMs: number | null;
  /** Where work nobody awaits (an offer timer, a presence change) reports its failure; default: stderr. */
  onError?(error: unknown): void;
}

/** One change in progress: what it logged, and what waits on its outcome. */
interface OpenChange {
  isOpen: boolean;
  logged: LoggedEvent[];
  afterCommit: (() => void)[];
  onRollback: (() => void)[];
}

const reportToStderr = (error: unknown) => console.error('warmline hub:', error);

/**
 * What every write service of the hub shares: one store write per change that updates the
 * conversation and appends the events recording it; events are published only after commit. The
 * conversation service (routing, agent actions) and the supervision service (step-ins) are both
 * built on it, so they cannot drift apart in how a change is recorded.
 */
export function createConversationKernel(deps: ConversationServiceDeps) {
  const { db, conversations, events } = deps;
  const repeatAsks = createRepeatAskRecorder(db);
  const onError = deps.onError ?? reportToStderr;
  const changes = new AsyncLocalStorage<OpenChange>();
  // Created outside any write: work started from a timer or a listener runs in this context, so it
  // never joins (or waits on) the write that happened to be open when it was scheduled.
  const outside = new AsyncResource('warmline.detached');
  const background = new Set<Promise<void>>();

  const openChange = (): OpenChange | undefined => {
    const open = changes.getStore();
    return open?.isOpen ? open : undefined;
  };

  const log = async (record: ConversationRecord, body: HubEventBody, audience: string[], at: string): Promise<LoggedEvent> =>
    events.append({ conversationId: record.id, queue: record.queue, at, body, audience });

  /** Agents who see a conversation's events: the one it is offered to and the one who owns it. */
  const audienceOf = (record: ConversationRecord): string[] => {
    const agents = new Set<string>();
    if (record.assignedAgentId) agents.add(record.assignedAgentId);
    if (record.offer) agents.add(record.offer.agentId);
    return [...agents];
  };

  /**
   * The one way a conversation's state changes: the lifecycle decides, the store records its answer.
   * A refusal comes back as a value, for callers to whom it is not an error (a stale offer timer).
   */
  async function attempt(
    record: ConversationRecord,
    command: Command,
    at: string,
  ): Promise<{ ok: true; record: ConversationRecord } | Extract<Transition, { ok: false }>> {
    const result = transition(record, command, at);
    if (!result.ok) return result;
    await conversations.update(record.id, { ...result.next, at });
    if (result.next.queue !== record.queue) await conversations.moveToQueue(record.id, result.next.queue);
    return { ok: true, record: { ...record, ...result.next, updatedAt: at } };
  }

  async function apply(record: ConversationRecord, command: Command, at: string): Promise<ConversationRecord> {
    const result = await attempt(record, command, at);
    if (!result.ok) throw new ServiceError(result.code, result.message);
    return result.record;
  }

  /**
   * Runs `work` as one store write; what it logged is published once that write commits. Inside
   * another change it joins that one: one commit, one publication. Every decision `work` makes
   * from what it reads holds, since no other writer (of any replica) commits in between.
   */
  async function transact<T>(work: (logged: LoggedEvent[]) => Promise<T>): Promise<T> {
    const outer = openChange();
    if (outer) return work(outer.logged);
    const open: OpenChange = { isOpen: true, logged: [], afterCommit: [], onRollback: [] };
    let result: T;
    try {
      result = await db.write(() => changes.run(open, () => work(open.logged)));
    } catch (error) {
      open.isOpen = false;
      for (const undo of open.onRollback.reverse()) undo();
      throw error;
    }
    open.isOpen = false;
    for (const run of open.afterCommit) run();
    if (open.logged.length > 0) await deps.publish(open.logged);
    return result;
  }

  /** Runs `effect` once the open change commits (at once outside a change): timers for offers that exist. */
  function afterCommit(effect: () => void): void {
    const open = openChange();
    if (open) open.afterCommit.push(effect);
    else effect();
  }

  /** Undoes an in-memory change made inside the open change if that change rolls back. */
  function onRollback(undo: () => void): void {
    openChange()?.onRollback.push(undo);
  }

  /** Starts work nobody awaits, outside any open write; a failure is reported, never unhandled. */
  function detach(work: () => Promise<void>): Promise<void> {
    const running = new Promise<void>((resolve) => resolve(outside.runInAsyncScope(work))).catch(onError);
    background.add(running);
    void running.finally(() => background.delete(running));
    return running;
  }

  /** Resolves once detached work (and whatever it detached in turn) has finished: before the store closes. */
  async function settle(): Promise<void> {
    while (background.size > 0) await Promise.all([...background]);
  }

  async function requireRecord(id: string): Promise<ConversationRecord> {
    const record = await conversations.get(id);
    if (!record) throw new ServiceError('not_found', 'No such conversation.');
    return record;
  }

  async function addMessage(record: ConversationRecord, message: Message, logged: LoggedEvent[]): Promise<Message> {
    await conversations.insertMessage(message);
    // What the customer writes to a person moves their sentiment, on the card and the radar alike.
    const sentiment =
      message.author === 'customer'
        ? liveSentiment(record.envelope.transcript, await conversations.recentCustomerMessages(record.id, LIVE_SENTIMENT_TURNS))
        : undefined;
    if (sentiment) await conversations.setSentiment(record.id, sentiment);
    logged.push(await log(record, { type: 'message:added', message, ...(sentiment ? { sentiment } : {}) }, audienceOf(record), message.at));
    for (const body of await repeatAsks.noteMessage(record, message)) {
      logged.push(await log(record, body, body.agentId ? [body.agentId] : [], message.at));
    }
    return message;
  }

  return {
    deps,
    log,
    audienceOf,
    attempt,
    apply,
    transact,
    afterCommit,
    onRollback,
    detach,
    settle,
    requireRecord,
    addMessage,
    now: () => deps.now().toISOString(),
  };
}

export type ConversationKernel = ReturnType<typeof createConversationKernel>;
