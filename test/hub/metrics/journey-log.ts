import type { ConversationView, Owner } from '../../../src/shared/conversation';
import type { HandoffEnvelope } from '../../../src/shared/envelope';
import type { HubEventBody } from '../../../src/shared/protocol';
import type Database from 'better-sqlite3';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createEventLog, type NewEvent } from '../../../src/hub/store/events';
import { envelope } from '../../support/hub';

export const ALEX = { id: 'u_agent', name: 'Alex Agent' };
export const SAM = { id: 'u_agent2', name: 'Sam Agent' };
type Agent = typeof ALEX;

const DAY = '2026-11-20T';
export const at = (time: string) => `${DAY}${time}.000Z`;

/** Appends as a hub of an older schema did, on its SQLite file: the row alone, nothing folded. */
export const rawAppend = (db: Database.Database) => {
  const insert = db.prepare('INSERT INTO events (at, conversation_id, type, queue, body) VALUES (?, ?, ?, ?, ?)');
  return async (entry: NewEvent): Promise<void> => void insert.run(entry.at, entry.conversationId, entry.body.type, entry.queue, JSON.stringify(entry.body));
};

/** Appends as the hub's services do: in a write of its own, with its audience and facts. */
const hubAppend = (db: HubDatabase) => {
  const events = createEventLog(db);
  return async (entry: NewEvent): Promise<void> => {
    await db.write(() => events.append(entry));
  };
};

/**
 * Writes conversations' events straight into a hub's event log, in the shapes the hub services log
 * them, so the metrics read exactly what a running hub would have written: into the hub's own
 * event log, or through `rawAppend` into a store of an older schema.
 */
export function journeyLog(target: HubDatabase | ((entry: NewEvent) => Promise<void>)) {
  const log = { append: typeof target === 'function' ? target : hubAppend(target) };
  const views = new Map<string, ConversationView>();
  const owner = (kind: Owner['kind'], id: string, name: string, since: string): Owner => ({ kind, id, name, since, why: '' });

  const append = async (id: string, time: string, body: HubEventBody): Promise<void> => {
    const view = views.get(id);
    if (!view) throw new Error(`no handoff for ${id}`);
    await log.append({ conversationId: id, queue: view.queue, at: at(time), body, audience: [] });
  };

  return {
    async handoff(id: string, time: string, overrides: Partial<HandoffEnvelope> = {}, queue = 'support'): Promise<void> {
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
      await append(id, time, { type: 'conversation:queued', conversation: view });
    },
    async offered(id: string, time: string, agent: Agent): Promise<void> {
      const offer = { agentId: agent.id, offeredAt: at(time), expiresAt: null };
      await append(id, time, { type: 'conversation:offered', conversation: { ...views.get(id)!, state: 'offered', offer }, offer });
    },
    async offerEnded(id: string, time: string, agent: Agent, outcome: 'declined' | 'expired' | 'withdrawn', reason: string | null = null): Promise<void> {
      await append(id, time, { type: 'offer:ended', agentId: agent.id, outcome, reason });
    },
    async waiting(id: string, time: string, reason: string): Promise<void> {
      await append(id, time, { type: 'routing:waiting', reason });
    },
    async assigned(id: string, time: string, agent: Agent): Promise<void> {
      const conversation = { ...views.get(id)!, state: 'assigned' as const, owner: owner('agent', agent.id, agent.name, at(time)) };
      await append(id, time, { type: 'conversation:assigned', conversation });
    },
    async transferredToQueue(id: string, time: string, from: Agent, queue: string): Promise<void> {
      const transfer = { from, to: { kind: 'queue' as const, id: queue, name: queue }, note: 'needs a refunds specialist', at: at(time) };
      await append(id, time, { type: 'conversation:transferred', conversation: { ...views.get(id)!, state: 'queued', transfer }, transfer });
    },
    async repeatAsk(id: string, time: string, kind: 'agent_asked' | 'customer_restated', agent: Agent | null): Promise<void> {
      await append(id, time, { type: 'repeat-ask:recorded', kind, fieldKey: 'order_id', messageId: `m-${time}`, agentId: agent?.id ?? null });
    },
    async resolved(id: string, time: string, by: Agent, disposition: 'solved' | 'not_solved'): Promise<void> {
      await append(id, time, { type: 'conversation:resolved', owner: owner('agent', by.id, by.name, at(time)), disposition, by });
    },
    async abandoned(id: string, time: string, waitedMs: number): Promise<void> {
      await append(id, time, { type: 'conversation:abandoned', owner: owner('queue', 'support', 'support', at(time)), waitedMs });
    },
    async rated(id: string, time: string, rating: number): Promise<void> {
      await append(id, time, { type: 'rating:recorded', rating });
    },
    /** How a resolution or a decline was logged before their own event types existed. */
    async legacyStateChange(id: string, time: string, state: 'resolved' | 'queued', why: string): Promise<void> {
      await append(id, time, { type: 'conversation:state-changed', state, owner: { ...owner('queue', 'support', 'support', at(time)), why }, offer: null });
    },
  };
}
