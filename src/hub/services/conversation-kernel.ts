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
  publish(events: LoggedEvent[]): void;
  now(): Date;
  /** How long an agent has to accept an offer before it moves on; null: no limit. */
  offerTimeoutMs: number | null;
}

/**
 * What every write service of the hub shares: one synchronous SQLite transaction per change that
 * updates the conversation and appends the events recording it; events are published only after
 * commit. The conversation service (routing, agent actions) and the supervision service (step-ins)
 * are both built on it, so they cannot drift apart in how a change is recorded.
 */
export function createConversationKernel(deps: ConversationServiceDeps) {
  const { db, conversations, events } = deps;
  const repeatAsks = createRepeatAskRecorder(db);

  const log = (record: ConversationRecord, body: HubEventBody, audience: string[], at: string): LoggedEvent =>
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
  function attempt(record: ConversationRecord, command: Command, at: string): { ok: true; record: ConversationRecord } | Extract<Transition, { ok: false }> {
    const result = transition(record, command, at);
    if (!result.ok) return result;
    conversations.update(record.id, { ...result.next, at });
    if (result.next.queue !== record.queue) conversations.moveToQueue(record.id, result.next.queue);
    return { ok: true, record: { ...record, ...result.next, updatedAt: at } };
  }

  function apply(record: ConversationRecord, command: Command, at: string): ConversationRecord {
    const result = attempt(record, command, at);
    if (!result.ok) throw new ServiceError(result.code, result.message);
    return result.record;
  }

  function transact<T>(work: (logged: LoggedEvent[]) => T): T {
    const logged: LoggedEvent[] = [];
    const result = db.transaction(() => work(logged))();
    if (logged.length > 0) deps.publish(logged);
    return result;
  }

  function requireRecord(id: string): ConversationRecord {
    const record = conversations.get(id);
    if (!record) throw new ServiceError('not_found', 'No such conversation.');
    return record;
  }

  function addMessage(record: ConversationRecord, message: Message, logged: LoggedEvent[]): Message {
    conversations.insertMessage(message);
    // What the customer writes to a person moves their sentiment, on the card and the radar alike.
    const sentiment =
      message.author === 'customer' ? liveSentiment(record.envelope.transcript, conversations.recentCustomerMessages(record.id, LIVE_SENTIMENT_TURNS)) : undefined;
    if (sentiment) conversations.setSentiment(record.id, sentiment);
    logged.push(log(record, { type: 'message:added', message, ...(sentiment ? { sentiment } : {}) }, audienceOf(record), message.at));
    for (const body of repeatAsks.noteMessage(record, message)) {
      logged.push(log(record, body, body.agentId ? [body.agentId] : [], message.at));
    }
    return message;
  }

  return { deps, log, audienceOf, attempt, apply, transact, requireRecord, addMessage, now: () => deps.now().toISOString() };
}

export type ConversationKernel = ReturnType<typeof createConversationKernel>;
