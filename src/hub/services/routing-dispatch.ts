import type { Actor } from '../lifecycle/transitions';
import { chooseAgent, hasRoom, needsOf, type Candidate, type Needs } from '../routing/choose-agent';
import { AGEING_STEP_MS, orderWaiting } from '../routing/queue-order';
import { waitingReason } from '../routing/waiting-reason';
import type { ConversationRecord } from '../store/conversations';
import type { LoggedEvent } from '../store/events';
import { createWaitingReasonRepository } from '../store/waiting-reasons';
import type { ConversationKernel } from './conversation-kernel';
import { createOfferTimers, type OfferRef } from './offer-timers';
import type { AgentRoster } from './routing-agents';

export interface DispatchOptions {
  /** How long an agent has to accept an offer before it moves on; null: no limit. */
  offerTimeoutMs: number | null;
  /** Waiting this long raises a conversation one priority level. */
  ageingStepMs?: number;
}

const EMPTY: ReadonlySet<string> = new Set();
const isFree = (candidate: Candidate) => candidate.presence === 'available' && hasRoom(candidate);

/**
 * Turns waiting conversations into offers: the pure routing rules applied to the store, offer
 * timers, and the memory of who declined or let an offer time out. Every function that writes runs
 * inside the caller's kernel transaction and appends what it logged to `logged`.
 */
export function createDispatcher(kernel: ConversationKernel, roster: AgentRoster, options: DispatchOptions) {
  const { conversations, accounts, presence, events } = kernel.deps;
  const ageingStepMs = options.ageingStepMs ?? AGEING_STEP_MS;
  const declinedBy = new Map<string, Set<string>>();
  // Agents passed over while anyone else is free, not for good: whose offer timed out, or who
  // handed the chat on to a queue.
  const timedOutBy = new Map<string, Set<string>>();
  // Reasons already told for each waiting conversation: one routing:waiting event per reason, across
  // restarts (the store). The map spares the store a write each time an unchanged reason comes up again.
  const toldWaiting = new Map<string, Set<string>>();
  const toldReasons = createWaitingReasonRepository(kernel.deps.db);
  const timers = createOfferTimers(kernel.deps.now, (offer) => expire(offer));

  const remember = (map: Map<string, Set<string>>, id: string, value: string) => map.set(id, new Set([...(map.get(id) ?? []), value]));

  const queueNeeds = (queue: string): Needs => {
    const found = accounts.queue(queue);
    return { skills: found?.requiredSkills ?? [], language: found?.language ?? null };
  };

  /** A queue's waiting conversations in the order routing offers them: what a customer's place is counted in. */
  const waitingInOrder = (queue: string) => orderWaiting(conversations.waiting(queue), kernel.deps.now().getTime(), ageingStepMs);

  function noteWaiting(id: string, queue: string, reason: string, logged: LoggedEvent[]): void {
    if (toldWaiting.get(id)?.has(reason)) return;
    remember(toldWaiting, id, reason);
    if (!toldReasons.note(id, reason)) return;
    logged.push(events.append({ conversationId: id, queue, at: kernel.now(), body: { type: 'routing:waiting', reason }, audience: [] }));
  }

  function offerTo(record: ConversationRecord, agent: Actor, logged: LoggedEvent[]): ConversationRecord {
    const now = kernel.deps.now();
    const at = now.toISOString();
    // A queue's own offer timeout (Administration) wins over the hub's default.
    const perQueue = accounts.queue(record.queue)?.offerTimeoutSeconds;
    const timeoutMs = perQueue ? perQueue * 1000 : options.offerTimeoutMs;
    const expiresAt = timeoutMs === null ? null : new Date(now.getTime() + timeoutMs).toISOString();
    const offered = kernel.apply(record, { kind: 'offer', agent, expiresAt }, at);
    armFor(offered);
    presence.workChanged(agent.id);
    const body = { type: 'conversation:offered' as const, conversation: conversations.view(offered), offer: offered.offer! };
    logged.push(kernel.log(offered, body, [agent.id], at));
    return offered;
  }

  function armFor(record: ConversationRecord): void {
    const offer = record.offer;
    if (offer?.expiresAt) timers.arm({ conversationId: record.id, agentId: offer.agentId, offeredAt: offer.offeredAt, expiresAt: offer.expiresAt });
  }

  /**
   * Offers a queue's waiting conversations to eligible agents, by priority with ageing. Cheap when
   * nobody is free (the common case under load): then only the `focus` conversations (the ones
   * that just arrived or came back) are checked, to tell their bots why they wait.
   */
  function dispatchQueue(queue: string, logged: LoggedEvent[], focus: readonly string[] = []): void {
    const candidates = roster.candidates(queue);
    const base = queueNeeds(queue);
    const explain = (waiting: { id: string } & Needs) => {
      const reason = waitingReason(candidates, needsOf(base, waiting)) ?? 'every available agent with the skills has declined it';
      noteWaiting(waiting.id, queue, reason, logged);
    };
    if (!candidates.some(isFree)) {
      for (const id of focus) {
        const record = conversations.get(id);
        if (record?.state === 'queued') explain(record);
      }
      return;
    }
    const ordered = waitingInOrder(queue);
    for (const [index, waiting] of ordered.entries()) {
      if (!candidates.some(isFree)) {
        const rest = new Set(focus);
        ordered.slice(index).filter((entry) => rest.has(entry.id)).forEach(explain);
        return;
      }
      const needs = needsOf(base, waiting);
      const declined = declinedBy.get(waiting.id) ?? EMPTY;
      const chosen =
        chooseAgent(candidates, needs, new Set([...declined, ...(timedOutBy.get(waiting.id) ?? [])])) ?? chooseAgent(candidates, needs, declined);
      if (!chosen) {
        explain(waiting);
        continue;
      }
      offerTo(kernel.requireRecord(waiting.id), chosen, logged);
      chosen.load += 1;
      chosen.idleSince = presence.idleSince(chosen.id);
    }
  }

  /** An offer nobody answered goes back to the queue and on to the next eligible agent. */
  function expire(offer: OfferRef): void {
    kernel.transact((logged) => {
      const record = conversations.get(offer.conversationId);
      if (!record) return;
      const at = kernel.now();
      // A refusal is the normal end of a timer whose offer was answered or replaced meanwhile.
      const result = kernel.attempt(record, { kind: 'expire', agentId: offer.agentId, offeredAt: offer.offeredAt }, at);
      if (!result.ok) return;
      const queued = result.record;
      remember(timedOutBy, record.id, offer.agentId);
      const waitedSeconds = Math.round((Date.parse(offer.expiresAt) - Date.parse(offer.offeredAt)) / 1000);
      logged.push(
        kernel.log(queued, { type: 'conversation:state-changed', state: queued.state, owner: queued.owner, offer: null }, [offer.agentId], at),
        kernel.log(queued, { type: 'offer:ended', agentId: offer.agentId, outcome: 'expired', reason: `not accepted within ${waitedSeconds} s` }, [offer.agentId], at),
      );
      dispatchQueue(queued.queue, logged, [queued.id]);
    });
  }

  return {
    dispatchQueue,
    waitingInOrder,
    /** Arms the timer of an offer made outside routing (a warm transfer to a named agent). */
    armFor,
    declined(conversationId: string, agentId: string): void {
      remember(declinedBy, conversationId, agentId);
    },
    /** The agent who transferred a chat to a queue gets it back only when nobody else can take it. */
    passOver(conversationId: string, agentId: string): void {
      remember(timedOutBy, conversationId, agentId);
    },
    /** The conversation left routing (accepted, closed): its routing memory goes too. */
    forget(conversationId: string): void {
      declinedBy.delete(conversationId);
      timedOutBy.delete(conversationId);
      toldWaiting.delete(conversationId);
      toldReasons.forget(conversationId);
    },
    /** After a restart: offers that were open when the hub stopped get their timers back. */
    rearm(): void {
      for (const record of conversations.openOffers()) armFor(record);
    },
    stop: timers.stop,
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
