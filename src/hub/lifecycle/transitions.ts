import type { ConversationState, Offer, Owner } from '../../shared/conversation';

/**
 * The conversation lifecycle as pure functions: given where a conversation is and what someone
 * wants, the next state or a coded refusal. No I/O, no clock: `at` is passed in.
 */

export interface LifecycleState {
  state: ConversationState;
  owner: Owner;
  offer: Offer | null;
  assignedAgentId: string | null;
}

export interface Actor {
  id: string;
  name: string;
}

export type Command =
  | { kind: 'offer'; agent: Actor; expiresAt: string | null }
  | { kind: 'accept'; agent: Actor }
  | { kind: 'decline'; agent: Actor; reason: string }
  | { kind: 'expire'; agentId: string; offeredAt: string }
  | { kind: 'resolve'; by: Actor };

export type Transition =
  | { ok: true; next: LifecycleState }
  | { ok: false; code: 'not_offered_to_you' | 'not_yours' | 'invalid_state'; message: string };


export const queueOwner = (queue: string, at: string, why: string): Owner => ({
  kind: 'queue',
  id: queue,
  name: queue,
  since: at,
  why,
});

const refuse = (code: Extract<Transition, { ok: false }>['code'], message: string): Transition => ({
  ok: false,
  code,
  message,
});

export function transition(current: LifecycleState, command: Command, at: string): Transition {
  switch (command.kind) {
    case 'offer':
      if (current.state !== 'queued') return refuse('invalid_state', `Cannot offer a ${current.state} conversation.`);
      return {
        ok: true,
        next: {
          ...current,
          state: 'offered',
          offer: { agentId: command.agent.id, offeredAt: at, expiresAt: command.expiresAt },
        },
      };
    case 'accept':
      if (current.state !== 'offered' || current.offer?.agentId !== command.agent.id) {
        return refuse('not_offered_to_you', 'This conversation is not offered to you (it may have been withdrawn).');
      }
      return {
        ok: true,
        next: {
          state: 'assigned',
          offer: null,
          assignedAgentId: command.agent.id,
          owner: { kind: 'agent', id: command.agent.id, name: command.agent.name, since: at, why: 'accepted the offer' },
        },
      };
    case 'decline':
      if (current.state !== 'offered' || current.offer?.agentId !== command.agent.id) {
        return refuse('not_offered_to_you', 'This conversation is not offered to you.');
      }
      return {
        ok: true,
        next: {
          ...current,
          state: 'queued',
          offer: null,
          owner: queueOwner(current.owner.kind === 'queue' ? current.owner.id : current.owner.name, at, `declined by ${command.agent.name}: ${command.reason}`),
        },
      };
    case 'expire':
      // Only the offer this timer was armed for: a later offer, or an accepted one, stays.
      if (current.state !== 'offered' || current.offer?.agentId !== command.agentId || current.offer.offeredAt !== command.offeredAt) {
        return refuse('invalid_state', 'That offer is no longer open.');
      }
      return {
        ok: true,
        next: { ...current, state: 'queued', offer: null, owner: queueOwner(current.owner.id, at, 'the offer timed out') },
      };
    case 'resolve':
      if (current.state !== 'assigned' || current.assignedAgentId !== command.by.id) {
        return refuse('not_yours', 'Only the agent who owns this conversation can resolve it.');
      }
      return {
        ok: true,
        next: {
          state: 'resolved',
          offer: null,
          assignedAgentId: current.assignedAgentId,
          owner: { ...current.owner, since: at, why: `resolved by ${command.by.name}` },
        },
      };
  }
}
