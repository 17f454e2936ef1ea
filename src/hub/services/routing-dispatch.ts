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
import { createPassedOverRepository } from './routing-memory';

export interface DispatchOptions {
  /** How long an agent has to accept an offer before it moves on; null: no limit. */
  offerTimeoutMs: number | null;
  /** Waiting this long raises a conversation one priority level. */
  ageingStepMs?: number;
}

const isFree = (candidate: Candidate) => candidate.presence === 'available' && hasRoom(candidate);

/**
 * Turns waiting conversations into offers: the pure routing rules applied to the store, offer
 * timers, and the stored memory of who declined or let an offer time out. Every function that writes runs
 * inside the caller's kernel transaction and appends what it logged to `logged`: the loads, the
 * waiting list and each conversation's state it decides from are read in that same write, so no
 * other writer (on any replica) can offer the same chat or fill the same agent in between.
 */
export function createDispatcher(kernel: ConversationKernel, roster: AgentRoster, options: DispatchOptions) {
  const { conversations, accounts, presence, events } = kernel.deps;
  const ageingStepMs = options.ageingStepMs ?? AGEING_STEP_MS;
  // Who declined each waiting conversation, and who was passed over while anyone else is free (their
  // offer timed out, or they handed the chat on to a queue): in the store, so every replica routes
  // by it and a replica's death does not forget it.
  const passedOver = createPassedOverRepository(kernel.deps.db);
  const toldReasons = createWaitingReasonRepository(kernel.deps.db);
  const timers = createOfferTimers(kernel.deps.now, (offer) => expire(offer), kernel.detach);

  const queueNeeds = async (queue: string): Promise<Needs> => {
    const found = await accounts.queue(queue);
    return { skills: found?.requiredSkills ?? [], language: found?.language ?? null };
  };

  /** A queue's waiting conversations in the order routing offers them: what a customer's place is counted in. */
  const waitingInOrder = async (queue: string) => orderWaiting(await conversations.waiting(queue), kernel.deps.now().getTime(), ageingStepMs);

  async function noteWaiting(id: string, queue: string, reason: string, logged: LoggedEvent[]): Promise<void> {
    if (!(await toldReasons.note(id, reason))) return;
    logged.push(await events.append({ conversationId: id, queue, at: kernel.now(), body: { type: 'routing:waiting', reason }, audience: [] }));
  }

  async function offerTo(record: ConversationRecord, agent: Actor, logged: LoggedEvent[]): Promise<ConversationRecord> {
    const now = kernel.deps.now();
    const at = now.toISOString();
    // A queue's own offer timeout (Administration) wins over the hub's default.
    const perQueue = (await accounts.queue(record.queue))?.offerTimeoutSeconds;
    const timeoutMs = perQueue ? perQueue * 1000 : options.offerTimeoutMs;
    const expiresAt = timeoutMs === null ? null : new Date(now.getTime() + timeoutMs).toISOString();
    const offered = await kernel.apply(record, { kind: 'offer', agent, expiresAt }, at);
    armFor(offered);
    await presence.workChanged(agent.id);
    const body = { type: 'conversation:offered' as const, conversation: await conversations.view(offered), offer: offered.offer! };
    logged.push(await kernel.log(offered, body, [agent.id], at));
    return offered;
  }

  /** Arms the offer's timer once the offer is committed: a rolled-back offer has none. */
  function armFor(record: ConversationRecord): void {
    const offer = record.offer;
    if (!offer?.expiresAt) return;
    const ref: OfferRef = { conversationId: record.id, agentId: offer.agentId, offeredAt: offer.offeredAt, expiresAt: offer.expiresAt };
    kernel.afterCommit(() => timers.arm(ref));
  }

  /**
   * Offers a queue's waiting conversations to eligible agents, by priority with ageing. Cheap when
   * nobody is free (the common case under load): then only the `focus` conversations (the ones
   * that just arrived or came back) are checked, to tell their bots why they wait.
   */
  async function dispatchQueue(queue: string, logged: LoggedEvent[], focus: readonly string[] = []): Promise<void> {
    const candidates = await roster.candidates(queue);
    const base = await queueNeeds(queue);
    const explain = async (waiting: { id: string } & Needs) => {
      const reason = waitingReason(candidates, needsOf(base, waiting)) ?? 'every available agent with the skills has declined it';
      await noteWaiting(waiting.id, queue, reason, logged);
    };
    if (!candidates.some(isFree)) {
      for (const id of focus) {
        const record = await conversations.get(id);
        if (record?.state === 'queued') await explain(record);
      }
      return;
    }
    const ordered = await waitingInOrder(queue);
    for (const [index, waiting] of ordered.entries()) {
      if (!candidates.some(isFree)) {
        const rest = new Set(focus);
        for (const entry of ordered.slice(index)) if (rest.has(entry.id)) await explain(entry);
        return;
      }
      const needs = needsOf(base, waiting);
      const { declined, timedOut } = await passedOver.of(waiting.id);
      const chosen = chooseAgent(candidates, needs, new Set([...declined, ...timedOut])) ?? chooseAgent(candidates, needs, declined);
      if (!chosen) {
        await explain(waiting);
        continue;
      }
      await offerTo(await kernel.requireRecord(waiting.id), chosen, logged);
      chosen.load += 1;
      chosen.idleSince = kernel.deps.now().getTime();
    }
  }

  /** An offer nobody answered goes back to the queue and on to the next eligible agent. */
  async function expire(offer: OfferRef): Promise<void> {
    await kernel.transact(async (logged) => {
      // Read inside the write that ends the offer: whichever replica's timer comes second finds it gone.
      const record = await conversations.get(offer.conversationId);
      if (!record) return;
      const at = kernel.now();
      // A refusal is the normal end of a timer whose offer was answered or replaced meanwhile.
      const result = await kernel.attempt(record, { kind: 'expire', agentId: offer.agentId, offeredAt: offer.offeredAt }, at);
      if (!result.ok) return;
      const queued = result.record;
      await passedOver.add(record.id, offer.agentId, 'timed-out');
      const waitedSeconds = Math.round((Date.parse(offer.expiresAt) - Date.parse(offer.offeredAt)) / 1000);
      const reason = `not accepted within ${waitedSeconds} s`;
      logged.push(
        await kernel.log(queued, { type: 'conversation:state-changed', state: queued.state, owner: queued.owner, offer: null }, [offer.agentId], at),
        await kernel.log(queued, { type: 'offer:ended', agentId: offer.agentId, outcome: 'expired', reason }, [offer.agentId], at),
      );
      await dispatchQueue(queued.queue, logged, [queued.id]);
    });
  }

  return {
    dispatchQueue,
    waitingInOrder,
    /** Arms the timer of an offer made outside routing (a warm transfer to a named agent). */
    armFor,
    /** Inside the decline's write: this agent is not offered the conversation again. */
    declined: (conversationId: string, agentId: string): Promise<void> => passedOver.add(conversationId, agentId, 'declined'),
    /** The agent who transferred a chat to a queue gets it back only when nobody else can take it. */
    passOver: (conversationId: string, agentId: string): Promise<void> => passedOver.add(conversationId, agentId, 'timed-out'),
    /** The conversation left routing (accepted, closed): its routing memory goes too. */
    async forget(conversationId: string): Promise<void> {
      await passedOver.forget(conversationId);
      await toldReasons.forget(conversationId);
    },
    /** After a restart: offers that were open when the hub stopped get their timers back. */
    async rearm(): Promise<void> {
      for (const record of await conversations.openOffers()) armFor(record);
    },
    stop: timers.stop,
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
