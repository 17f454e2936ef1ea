import type { ConversationView, Owner } from '../../../src/shared/conversation';
import type { HandoffEnvelope } from '../../../src/shared/envelope';
import type { HubEventBody } from '../../../src/shared/protocol';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createEventLog, type NewEvent } from '../../../src/hub/store/events';
import { envelope } from '../../support/hub';

export const ALEX = { id: 'u_agent', name: 'Alex Agent' };
export const SAM = { id: 'u_agent2', name: 'Sam Agent' };
type Agent = typeof ALEX;

const DAY = '2026-11-20T';
export const at = (time: string) => `${DAY}${time}.000Z`;

/** Appends as a hub of an older schema did: the row alone, nothing folded. */
export const rawAppend = (db: HubDatabase) => {
  const insert = db.prepare('INSERT INTO events (at, conversation_id, type, queue, body) VALUES (?, ?, ?, ?, ?)');
  return (entry: NewEvent): void => void insert.run(entry.at, entry.conversationId, entry.body.type, entry.queue, JSON.stringify(entry.body));
};

/**
 * Writes conversations' events straight into a hub's event log, in the shapes the hub services log
 * them, so the metrics read exactly what a running hub would have written. `append` is the hub's
 * own event log unless a test writes a store of an older schema.
 */
export function journeyLog(db: HubDatabase, write: (entry: NewEvent) => void = createEventLog(db).append) {
  const log = { append: write };
  const views = new Map<string, ConversationView>();
  const owner = (kind: Owner['kind'], id: string, name: string, since: string): Owner => ({ kind, id, name, since, why: '' });

  const append = (id: string, time: string, body: HubEventBody) => {
    const view = views.get(id);
    if (!view) throw new Error(`no handoff for ${id}`);
    log.append({ conversationId: id, queue: view.queue, at: at(time), body, audience: [] });
  };

  return {
    handoff(id: string, time: string, overrides: Partial<HandoffEnvelope> = {}, queue = 'support'): void {
      const view: ConversationView = {
        id,
        state: 'queued',
        queue,
        owner: owner('queue', queue, queue, at(time)),
        offer: null,
        createdAt: at(time),
        updatedAt: at(time),
        envelope: envelope({ id: `bot:${id}`, ...overrides }),
        messages: [],
      };
      views.set(id, view);
      append(id, time, { type: 'conversation:queued', conversation: view });
    },
    offered(id: string, time: string, agent: Agent): void {
      const offer = { agentId: agent.id, offeredAt: at(time), expiresAt: null };
      append(id, time, { type: 'conversation:offered', conversation: { ...views.get(id)!, state: 'offered', offer }, offer });
    },
    offerEnded(id: string, time: string, agent: Agent, outcome: 'declined' | 'expired' | 'withdrawn', reason: string | null = null): void {
      append(id, time, { type: 'offer:ended', agentId: agent.id, outcome, reason });
    },
    waiting(id: string, time: string, reason: string): void {
      append(id, time, { type: 'routing:waiting', reason });
    },
    assigned(id: string, time: string, agent: Agent): void {
      const conversation = { ...views.get(id)!, state: 'assigned' as const, owner: owner('agent', agent.id, agent.name, at(time)) };
      append(id, time, { type: 'conversation:assigned', conversation });
    },
    transferredToQueue(id: string, time: string, from: Agent, queue: string): void {
      const transfer = { from, to: { kind: 'queue' as const, id: queue, name: queue }, note: 'needs a refunds specialist', at: at(time) };
      append(id, time, { type: 'conversation:transferred', conversation: { ...views.get(id)!, state: 'queued', transfer }, transfer });
    },
    repeatAsk(id: string, time: string, kind: 'agent_asked' | 'customer_restated', agent: Agent | null): void {
      append(id, time, { type: 'repeat-ask:recorded', kind, fieldKey: 'order_id', messageId: `m-${time}`, agentId: agent?.id ?? null });
    },
    resolved(id: string, time: string, by: Agent, disposition: 'solved' | 'not_solved'): void {
      append(id, time, { type: 'conversation:resolved', owner: owner('agent', by.id, by.name, at(time)), disposition, by });
    },
    abandoned(id: string, time: string, waitedMs: number): void {
      append(id, time, { type: 'conversation:abandoned', owner: owner('queue', 'support', 'support', at(time)), waitedMs });
    },
    rated(id: string, time: string, rating: number): void {
      append(id, time, { type: 'rating:recorded', rating });
    },
    /** How a resolution or a decline was logged before their own event types existed. */
    legacyStateChange(id: string, time: string, state: 'resolved' | 'queued', why: string): void {
      append(id, time, { type: 'conversation:state-changed', state, owner: { ...owner('queue', 'support', 'support', at(time)), why }, offer: null });
    },
  };
}
