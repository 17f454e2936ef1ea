import { randomUUID } from 'node:crypto';
import { isClosed, type ConversationView, type DeclineReason, type Disposition, type Message } from '../../shared/conversation';
import type { Attachment, HandoffEnvelope } from '../../shared/envelope';
import { enrich } from '../enrichment';
import { queueOwner, type Actor } from '../lifecycle/transitions';
import { normalizePriority } from '../routing/queue-order';
import type { Account, Integration } from '../store/accounts';
import type { ConversationRecord } from '../store/conversations';
import { createFlagRepository } from '../store/flags';
import { createConversationKernel, ServiceError, type ConversationServiceDeps } from './conversation-kernel';
import { createFlagService } from './flags-service';
import type { PresenceStatus } from './presence';
import { createAgentRoster } from './routing-agents';
import { createDispatcher } from './routing-dispatch';
import { createTransfers } from './transfers';

const actorOf = (account: Account): Actor => ({ id: account.id, name: account.name });

export interface IngestOptions {
  /** The resolved conversation this handoff continues: "the customer wrote again". */
  previousConversationId?: string | null;
  /** The envelope already went through intake's prepareEnvelope (enriched on a worker): not enriched again. */
  isPrepared?: boolean;
}

/**
 * The hub's write side for the conversation lifecycle: handoffs in, routing, agent actions,
 * closing. Every change is one store write on the shared kernel, and what it decides from (the
 * conversation's state, an existing message, the loads routing counts) is read inside that write;
 * routing, transfers and flags live in their own modules on the same kernel.
 */
export function createConversationService(deps: ConversationServiceDeps & { ageingStepMs?: number }) {
  const kernel = createConversationKernel(deps);
  const { conversations, accounts } = deps;
  const { log, audienceOf, apply, transact, requireRecord, addMessage } = kernel;
  const flags = createFlagRepository(deps.db);
  // Presence lives in this service's store, floor-wide.
  deps.presence.bind(deps.db);
  const roster = createAgentRoster({ accounts, conversations, flags, presence: deps.presence });
  const dispatcher = createDispatcher(kernel, roster, { offerTimeoutMs: deps.offerTimeoutMs, ageingStepMs: deps.ageingStepMs });
  const transfers = createTransfers(kernel, roster, dispatcher, deps.offerTimeoutMs);
  const flagService = createFlagService(kernel, flags);

  const newMessage = (id: string, author: Message['author'], text: string, extra: Partial<Message> = {}): Message => ({
    id: `m_${randomUUID()}`,
    conversationId: id,
    at: kernel.now(),
    author,
    text,
    ...extra,
  });

  const dispatchQueuesOf = (agentId: string) =>
    transact(async (logged) => {
      for (const queue of (await accounts.userById(agentId))?.queues ?? []) await dispatcher.dispatchQueue(queue, logged);
    });
  // Coming available is when waiting work can move: the replica that commits that change offers
  // it at once (any replica: routing reads presence inside its write). Going away or offline only
  // stops new offers; an open offer stays until it is accepted, declined or expires. The dispatch
  // runs detached (a presence change is not a request); the latest one per agent is kept, so that
  // the request that caused it (setPresence) can answer after it.
  const presenceDispatches = new Map<string, Promise<void>>();
  const unsubscribe = deps.presence.onAvailable((agentId) => {
    const dispatching = kernel.detach(() => dispatchQueuesOf(agentId));
    presenceDispatches.set(agentId, dispatching);
    void dispatching.then(() => presenceDispatches.get(agentId) === dispatching && presenceDispatches.delete(agentId));
  });

  return {
    /** A bot hands off: store it (idempotent per integration and envelope id), queue it, route it. */
    async ingest(envelope: HandoffEnvelope, integration: Integration, options: IngestOptions = {}): Promise<{ created: boolean; conversationId: string }> {
      // Enriching is CPU work: done before the write, so the floor's one writer is not held for it.
      const enriched = options.isPrepared ? envelope : enrich(envelope);
      return transact(async (logged) => {
        // Inside the write: two replicas taking the same retried handoff store it once.
        const existing = await conversations.findByEnvelope(integration.id, envelope.id);
        if (existing) return { created: false, conversationId: existing.id };
        const at = kernel.now();
        const requested = envelope.routing?.queue;
        const queue = requested && (await accounts.queueExists(requested)) ? requested : integration.defaultQueue;
        const id = `c_${randomUUID()}`;
        const previous = options.previousConversationId ?? null;
        const fresh = {
          id,
          integrationId: integration.id,
          state: 'queued' as const,
          queue,
          owner: queueOwner(queue, at, `handed off by ${envelope.source?.bot ?? integration.name}${previous ? ' (the customer wrote again)' : ''}`),
          envelope: enriched,
          priority: normalizePriority(envelope.routing?.priority),
          skills: envelope.routing?.skills ?? [],
          language: envelope.routing?.language ?? null,
          previousConversationId: previous,
        };
        await conversations.insert({ ...fresh, at });
        // The row just written, as the store would read it back, without reading and re-parsing it.
        const record: ConversationRecord = {
          ...fresh,
          offer: null,
          assignedAgentId: null,
          createdAt: at,
          updatedAt: at,
          disposition: null,
          rating: null,
          transfer: null,
          participants: [],
        };
        logged.push(await log(record, { type: 'conversation:queued', conversation: await conversations.view(record) }, [], at));
        await dispatcher.dispatchQueue(queue, logged, [id]);
        return { created: true, conversationId: id };
      });
    },

    async accept(agent: Account, id: string): Promise<ConversationView> {
      return transact(async (logged) => {
        const at = kernel.now();
        // The lifecycle checks the offer read in this write: a second accept, on any replica, is refused.
        const assigned = await apply(await requireRecord(id), { kind: 'accept', agent: actorOf(agent) }, at);
        await dispatcher.forget(id);
        logged.push(await log(assigned, { type: 'conversation:assigned', conversation: await conversations.view(assigned) }, [agent.id], at));
        await addMessage(assigned, newMessage(id, 'system', `${agent.name} joined the chat.`), logged);
        return conversations.view(assigned);
      });
    },

    /** Declining puts it back in the queue for the next eligible agent; this agent is skipped. */
    async decline(agent: Account, id: string, reason: string, code: DeclineReason | null = null): Promise<void> {
      await transact(async (logged) => {
        const at = kernel.now();
        const said = [code, reason.trim()].filter(Boolean).join(': ') || 'no reason given';
        const queued = await apply(await requireRecord(id), { kind: 'decline', agent: actorOf(agent), reason: said }, at);
        await dispatcher.declined(id, agent.id);
        logged.push(
          await log(queued, { type: 'conversation:state-changed', state: queued.state, owner: queued.owner, offer: null }, [agent.id], at),
          await log(queued, { type: 'offer:ended', agentId: agent.id, outcome: 'declined', reason: said }, [agent.id], at),
        );
        await dispatcher.dispatchQueue(queued.queue, logged, [id]);
      });
    },

    /** An agent writes to the customer; the same clientMessageId is stored once. */
    async reply(agent: Account, id: string, clientMessageId: string, text: string, attachments: Attachment[] = []): Promise<{ message: Message; created: boolean }> {
      return transact(async (logged) => {
        const record = await requireRecord(id);
        if (record.state !== 'assigned' || record.assignedAgentId !== agent.id) {
          throw new ServiceError('not_yours', 'You can only write in a conversation you own.');
        }
        const existing = await conversations.messageByClientId(id, clientMessageId);
        if (existing) return { message: existing, created: false };
        const files = attachments.length > 0 ? { attachments } : {};
        return { message: await addMessage(record, newMessage(id, 'agent', text, { authorName: agent.name, clientMessageId, ...files }), logged), created: true };
      });
    },

    /**
     * The customer writes after the handoff. A closed conversation refuses (409 conversation_closed)
     * so that the caller opens a new handoff linked to it instead of reviving it.
     */
    async customerSays(id: string, text: string, clientMessageId: string, attachments: Attachment[] = []): Promise<Message> {
      return transact(async (logged) => {
        const record = await requireRecord(id);
        const existing = await conversations.messageByClientId(id, clientMessageId);
        if (existing) return existing;
        if (isClosed(record.state)) {
          throw new ServiceError('conversation_closed', 'This conversation is closed: open a new handoff linked to it.');
        }
        return addMessage(record, newMessage(id, 'customer', text, { clientMessageId, ...(attachments.length > 0 ? { attachments } : {}) }), logged);
      });
    },

    /** The source bot writes into its own conversation: only while no human has it. */
    async botSays(integrationId: string, id: string, clientMessageId: string, text: string): Promise<{ message: Message; created: boolean }> {
      return transact(async (logged) => {
        const record = await conversations.get(id);
        if (!record || record.integrationId !== integrationId) throw new ServiceError('not_found', 'No such conversation for this integration.');
        // Only the bot's own message answers its retry: an agent's or customer's under a guessed id is not the bot's to read.
        const existing = await conversations.messageByClientId(id, clientMessageId);
        if (existing?.author === 'bot') return { message: existing, created: false };
        if (record.state !== 'bot' && record.state !== 'returned_to_bot') {
          if (isClosed(record.state)) throw new ServiceError('conversation_closed', 'This conversation is closed.');
          throw new ServiceError('human_owns', 'A human has this conversation now: the bot must stay silent until it is handed back.');
        }
        if (existing) throw new ServiceError('invalid_request', 'This clientMessageId is already taken in this conversation: send the message under a new one.');
        return { message: await addMessage(record, newMessage(id, 'bot', text, { clientMessageId }), logged), created: true };
      });
    },

    /** The owner closes it with a disposition; their capacity is free for the next offer. */
    async resolve(agent: Account, id: string, disposition: Disposition, note?: string): Promise<ConversationView> {
      return transact(async (logged) => {
        const at = kernel.now();
        const resolved = await apply(await requireRecord(id), { kind: 'resolve', by: actorOf(agent) }, at);
        // Before the queue is dispatched below: a wrapping-up agent is not offered the next chat.
        await deps.presence.startWrapUp(agent.id);
        await conversations.setDisposition(id, disposition);
        await dispatcher.forget(id);
        const by = actorOf(agent);
        const resolvedEvent = { type: 'conversation:resolved' as const, owner: resolved.owner, disposition, by, ...(note ? { note } : {}) };
        logged.push(await log(resolved, resolvedEvent, audienceOf(resolved), at));
        await dispatcher.dispatchQueue(resolved.queue, logged);
        // The view reads the note from the log, which this transaction has not written yet.
        return { ...(await conversations.view(await requireRecord(id))), resolveNote: note ?? null };
      });
    },

    /** The customer left before an agent joined (queued, offered or transferred). */
    async abandon(id: string, why: string): Promise<ConversationView> {
      return transact(async (logged) => {
        const record = await requireRecord(id);
        const at = kernel.now();
        const abandoned = await apply(record, { kind: 'abandon', why }, at);
        await dispatcher.forget(id);
        const waitedMs = Math.max(0, Date.parse(at) - Date.parse(record.createdAt));
        if (record.offer) {
          const withdrawn = { type: 'offer:ended' as const, agentId: record.offer.agentId, outcome: 'withdrawn' as const, reason: 'the customer left' };
          logged.push(await log(record, withdrawn, [record.offer.agentId], at));
        }
        logged.push(await log(abandoned, { type: 'conversation:abandoned', owner: abandoned.owner, waitedMs }, audienceOf(record), at));
        if (record.offer) await dispatcher.dispatchQueue(record.queue, logged);
        return conversations.view(abandoned);
      });
    },

    /** The customer's 1–5 rating, once, after resolution. */
    async rate(id: string, rating: number): Promise<ConversationView> {
      return transact(async (logged) => {
        const record = await requireRecord(id);
        if (record.state !== 'resolved') throw new ServiceError('not_resolved', 'Only a resolved conversation can be rated.');
        if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new ServiceError('invalid_rating', 'A rating is a whole number from 1 to 5.');
        if (!(await conversations.setRating(id, rating))) throw new ServiceError('already_rated', 'This conversation has already been rated.');
        logged.push(await log(record, { type: 'rating:recorded', rating }, record.assignedAgentId ? [record.assignedAgentId] : [], kernel.now()));
        return conversations.view(await requireRecord(id));
      });
    },

    /** Warm transfer; `force` for a supervisor of the queue (H3's force transfer). */
    transfer: transfers.transfer,
    raiseFlag: flagService.raiseFlag,
    answerFlag: flagService.answerFlag,
    /** Live state of agents (all, or one queue's members) for supervisors and wallboards. */
    agentStatuses: roster.agentStatuses,

    /**
     * An agent's chosen presence; coming available (which ends a wrap-up) offers them waiting work
     * (via onChange), and the answer comes once those offers are made.
     */
    async setPresence(agent: Account, presence: 'available' | 'away', reason?: string): Promise<PresenceStatus> {
      if (presence === 'away' && reason !== undefined && !deps.presence.isAwayReason(reason)) {
        throw new ServiceError('invalid_request', `"${reason}" is not one of the away reasons: ${deps.presence.settings().awayReasons.join(', ')}.`);
      }
      const status = await deps.presence.setChosen(agent.id, presence, presence === 'away' ? reason : undefined);
      await presenceDispatches.get(agent.id);
      return status;
    },

    /** An agent (re)connected: offer them what waits in their queues. */
    async agentAvailable(agent: Account): Promise<void> {
      await dispatchQueuesOf(agent.id);
    },

    rearmOfferTimers: dispatcher.rearm,

    /** Stops offer timers and presence reactions, then waits for work they started: the store can close after it. */
    async stop(): Promise<void> {
      unsubscribe();
      dispatcher.stop();
      await kernel.settle();
      await deps.presence.stop();
    },

    /** For services built beside this one (supervision): the shared write primitives. */
    kernel,

    /** A queue's waiting conversations in routing's order (priority with ageing): a customer's place in line. */
    waitingInOrder: dispatcher.waitingInOrder,
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
export { ServiceError, type ConversationServiceDeps };
