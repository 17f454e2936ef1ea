import { randomUUID } from 'node:crypto';
import type { ConversationView, Message } from '../../shared/conversation';
import type { HandoffEnvelope } from '../../shared/envelope';
import { enrich } from '../enrichment';
import { queueOwner, transition, type Actor } from '../lifecycle/transitions';
import { chooseAgent } from '../routing/choose-agent';
import type { Account, Integration } from '../store/accounts';
import type { LoggedEvent } from '../store/events';
import { createConversationKernel, ServiceError, type ConversationServiceDeps } from './conversation-kernel';
import { createOfferTimers, type OfferRef } from './offer-timers';

const actorOf = (account: Account): Actor => ({ id: account.id, name: account.name });

/**
 * The hub's write side: every change is one synchronous SQLite transaction that updates the
 * conversation and appends the events recording it; events are published only after commit.
 */
export function createConversationService(deps: ConversationServiceDeps) {
  const kernel = createConversationKernel(deps);
  const { conversations, accounts } = deps;
  const { log, audienceOf, apply, transact, requireRecord, addMessage } = kernel;
  const declinedBy = new Map<string, Set<string>>();
  // Agents whose offer timed out are passed over while anyone else is free, not for good.
  const timedOutBy = new Map<string, Set<string>>();
  const offerTimers = createOfferTimers(deps.now, (offer) => expireOffer(offer));

  /**
   * Offers waiting conversations of a queue to free agents, oldest first. Runs inside a transaction.
   * Cheap when nobody is free (the common case under load): agents are checked before the queue,
   * and only the ids of waiting conversations are read until one is actually offered.
   */
  function dispatchQueue(queue: string, logged: LoggedEvent[]): void {
    const agents = accounts.agentsOfQueue(queue);
    if (!agents.some((agent) => deps.presence.isAvailable(agent.id))) return;
    const loads = conversations.loads();
    const candidates = agents.map((agent) => ({
      id: agent.id,
      name: agent.name,
      isAvailable: deps.presence.isAvailable(agent.id),
      capacity: agent.capacity,
      load: loads.get(agent.id) ?? 0,
      idleSince: deps.presence.idleSince(agent.id),
    }));
    for (const waitingId of conversations.waitingIds(queue)) {
      if (!candidates.some((candidate) => candidate.isAvailable && candidate.load < candidate.capacity)) return;
      const declined = declinedBy.get(waitingId) ?? new Set<string>();
      const chosen =
        chooseAgent(candidates, new Set([...declined, ...(timedOutBy.get(waitingId) ?? [])])) ?? chooseAgent(candidates, declined);
      if (!chosen) continue;
      const now = deps.now();
      const at = now.toISOString();
      const expiresAt = deps.offerTimeoutMs === null ? null : new Date(now.getTime() + deps.offerTimeoutMs).toISOString();
      const offered = apply(requireRecord(waitingId), { kind: 'offer', agent: chosen, expiresAt }, at);
      if (expiresAt) offerTimers.arm({ conversationId: offered.id, agentId: chosen.id, offeredAt: at, expiresAt });
      chosen.load += 1;
      deps.presence.workChanged(chosen.id);
      chosen.idleSince = deps.presence.idleSince(chosen.id);
      logged.push(
        log(offered, { type: 'conversation:offered', conversation: conversations.view(offered), offer: offered.offer! }, [chosen.id], at),
      );
    }
  }

  /** An offer nobody answered goes back to the queue and on to the next free agent. */
  function expireOffer(offer: OfferRef): void {
    transact((logged) => {
      const record = conversations.get(offer.conversationId);
      if (!record) return;
      const at = deps.now().toISOString();
      const result = transition(record, { kind: 'expire', agentId: offer.agentId, offeredAt: offer.offeredAt }, at);
      if (!result.ok) return;
      conversations.update(record.id, { ...result.next, at });
      const queued = { ...record, ...result.next, updatedAt: at };
      timedOutBy.set(record.id, new Set([...(timedOutBy.get(record.id) ?? []), offer.agentId]));
      logged.push(log(queued, { type: 'conversation:state-changed', state: queued.state, owner: queued.owner, offer: null }, [offer.agentId], at));
      dispatchQueue(queued.queue, logged);
    });
  }

  return {
    /** A bot hands off: store it (idempotent per integration and envelope id), queue it, route it. */
    ingest(envelope: HandoffEnvelope, integration: Integration): { created: boolean; conversationId: string } {
      return transact((logged) => {
        const existing = conversations.findByEnvelope(integration.id, envelope.id);
        if (existing) return { created: false, conversationId: existing.id };
        const at = deps.now().toISOString();
        const requested = envelope.routing?.queue;
        const queue = requested && accounts.queueExists(requested) ? requested : integration.defaultQueue;
        const id = `c_${randomUUID()}`;
        conversations.insert({
          id,
          integrationId: integration.id,
          state: 'queued',
          queue,
          owner: queueOwner(queue, at, `handed off by ${envelope.source?.bot ?? integration.name}`),
          at,
          envelope: enrich(envelope),
        });
        const record = requireRecord(id);
        logged.push(log(record, { type: 'conversation:queued', conversation: conversations.view(record) }, [], at));
        dispatchQueue(queue, logged);
        return { created: true, conversationId: id };
      });
    },

    accept(agent: Account, id: string): ConversationView {
      return transact((logged) => {
        const at = deps.now().toISOString();
        const assigned = apply(requireRecord(id), { kind: 'accept', agent: actorOf(agent) }, at);
        declinedBy.delete(id);
        timedOutBy.delete(id);
        logged.push(log(assigned, { type: 'conversation:assigned', conversation: conversations.view(assigned) }, [agent.id], at));
        const joined = { id: `m_${randomUUID()}`, conversationId: id, at, author: 'system' as const, text: `${agent.name} joined the chat.` };
        addMessage(assigned, joined, logged);
        return conversations.view(assigned);
      });
    },

    decline(agent: Account, id: string, reason: string): void {
      transact((logged) => {
        const at = deps.now().toISOString();
        const record = requireRecord(id);
        const queued = apply(record, { kind: 'decline', agent: actorOf(agent), reason }, at);
        declinedBy.set(id, new Set([...(declinedBy.get(id) ?? []), agent.id]));
        logged.push(
          log(queued, { type: 'conversation:state-changed', state: queued.state, owner: queued.owner, offer: null }, [agent.id], at),
        );
        dispatchQueue(queued.queue, logged);
      });
    },

    /** An agent writes to the customer; the same clientMessageId is stored once. */
    reply(agent: Account, id: string, clientMessageId: string, text: string): { message: Message; created: boolean } {
      return transact((logged) => {
        const record = requireRecord(id);
        if (record.state !== 'assigned' || record.assignedAgentId !== agent.id) {
          throw new ServiceError(409, 'not_yours', 'You can only write in a conversation you own.');
        }
        const existing = conversations.messageByClientId(id, clientMessageId);
        if (existing) return { message: existing, created: false };
        const message: Message = {
          id: `m_${randomUUID()}`,
          conversationId: id,
          at: deps.now().toISOString(),
          author: 'agent',
          authorName: agent.name,
          text,
          clientMessageId,
        };
        return { message: addMessage(record, message, logged), created: true };
      });
    },

    /** The customer writes after the handoff (demo chat or a platform's webhook). */
    customerSays(id: string, text: string, clientMessageId: string): Message {
      return transact((logged) => {
        const record = requireRecord(id);
        const existing = conversations.messageByClientId(id, clientMessageId);
        if (existing) return existing;
        const message: Message = { id: `m_${randomUUID()}`, conversationId: id, at: deps.now().toISOString(), author: 'customer', text, clientMessageId };
        return addMessage(record, message, logged);
      });
    },

    resolve(agent: Account, id: string): ConversationView {
      return transact((logged) => {
        const at = deps.now().toISOString();
        const resolved = apply(requireRecord(id), { kind: 'resolve', by: actorOf(agent) }, at);
        logged.push(
          log(resolved, { type: 'conversation:state-changed', state: resolved.state, owner: resolved.owner, offer: null }, audienceOf(resolved), at),
        );
        dispatchQueue(resolved.queue, logged);
        return conversations.view(resolved);
      });
    },

    /** An agent came online: offer them what waits in their queues. */
    agentAvailable(agent: Account): void {
      transact((logged) => {
        for (const queue of agent.queues) dispatchQueue(queue, logged);
      });
    },

    /** After a restart: offers that were open when the hub stopped get their timers back. */
    rearmOfferTimers(): void {
      for (const record of conversations.openOffers()) {
        if (record.offer?.expiresAt) {
          offerTimers.arm({ conversationId: record.id, agentId: record.offer.agentId, offeredAt: record.offer.offeredAt, expiresAt: record.offer.expiresAt });
        }
      }
    },

    stop(): void {
      offerTimers.stop();
    },

    /** For services built beside this one (supervision): the shared write primitives. */
    kernel,

    positionInQueue(id: string): number {
      return conversations.positionInQueue(requireRecord(id));
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
export { ServiceError, type ConversationServiceDeps };
