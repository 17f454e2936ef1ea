import { isClosed, type ConversationState, type Offer, type Owner } from '../../shared/conversation';
import type { ErrorCode } from '../../shared/errors';

/**
 * The conversation lifecycle as pure functions: given where a conversation is and what someone
 * wants, the next state or a coded refusal. No I/O, no clock: `at` is passed in. Every accepted
 * change sets an owner whose `since` and `why` say what just happened.
 */

export interface LifecycleState {
  state: ConversationState;
  queue: string;
  owner: Owner;
  offer: Offer | null;
  assignedAgentId: string | null;
}

export interface Actor {
  id: string;
  name: string;
}

export type TransferTo = { kind: 'agent'; agent: Actor; expiresAt: string | null } | { kind: 'queue'; queue: string };

export type Command =
  | { kind: 'offer'; agent: Actor; expiresAt: string | null }
  | { kind: 'accept'; agent: Actor }
  | { kind: 'decline'; agent: Actor; reason: string }
  | { kind: 'expire'; agentId: string; offeredAt: string }
  /** `force`: a supervisor of the queue moves it, whoever owns it and whatever state it waits in. */
  | { kind: 'transfer'; by: Actor; to: TransferTo; force: boolean }
  | { kind: 'resolve'; by: Actor }
  | { kind: 'abandon'; why: string }
  /** A supervisor takes an agent's chat: ownership moves to them and the agent's capacity frees. */
  | { kind: 'take_over'; by: Actor };

export type RefusalCode = Extract<ErrorCode, 'not_offered_to_you' | 'not_yours' | 'invalid_state' | 'no_agent' | 'conversation_closed'>;
export type Transition = { ok: true; next: LifecycleState } | { ok: false; code: RefusalCode; message: string };

/** States in which an offer is open: a routed offer, or a warm transfer waiting to be accepted. */
const OPEN_OFFER_STATES: readonly ConversationState[] = ['offered', 'transferred'];
/** States before any human has joined: a customer leaving now abandons the handoff. */
const WAITING_STATES: readonly ConversationState[] = ['queued', 'offered', 'transferred'];

export const queueOwner = (queue: string, at: string, why: string): Owner => ({ kind: 'queue', id: queue, name: queue, since: at, why });

/** The agent who has the chat now, or null (nobody yet, a supervisor took it over, or it is closed). */
export const agentOwnerOf = (current: LifecycleState): string | null =>
  current.state === 'assigned' && current.owner.kind === 'agent' ? current.assignedAgentId : null;

const refuse = (code: RefusalCode, message: string): Transition => ({ ok: false, code, message });

const hasOpenOfferFor = (current: LifecycleState, agentId: string) =>
  OPEN_OFFER_STATES.includes(current.state) && current.offer?.agentId === agentId;

/**
 * Back to the queue, to be routed again; whoever had it (if anyone) is unassigned.
 * `since` is when the customer's wait began: an offer that ends unanswered does not restart it.
 */
const requeue = (current: LifecycleState, queue: string, at: string, why: string, since = at): LifecycleState => ({
  state: 'queued',
  queue,
  offer: null,
  assignedAgentId: null,
  owner: queueOwner(queue, since, why),
});

function transfer(current: LifecycleState, command: Extract<Command, { kind: 'transfer' }>, at: string): Transition {
  const isOwner = current.state === 'assigned' && current.assignedAgentId === command.by.id;
  if (!isOwner && !command.force) return refuse('not_yours', 'Only the agent who owns this conversation can transfer it.');
  if (!(current.state === 'assigned' || (command.force && WAITING_STATES.includes(current.state)))) {
    return refuse('invalid_state', `Cannot transfer a ${current.state} conversation.`);
  }
  const { to } = command;
  if (to.kind === 'queue') return { ok: true, next: requeue(current, to.queue, at, `transferred by ${command.by.name}`) };
  if (to.agent.id === current.assignedAgentId) return refuse('invalid_state', 'This conversation is already theirs.');
  return {
    ok: true,
    next: {
      state: 'transferred',
      queue: current.queue,
      assignedAgentId: null,
      offer: { agentId: to.agent.id, offeredAt: at, expiresAt: to.expiresAt },
      owner: { kind: 'agent', id: to.agent.id, name: to.agent.name, since: at, why: `warm transfer from ${command.by.name}, waiting for ${to.agent.name} to accept` },
    },
  };
}

export function transition(current: LifecycleState, command: Command, at: string): Transition {
  switch (command.kind) {
    case 'offer':
      if (current.state !== 'queued') return refuse('invalid_state', `Cannot offer a ${current.state} conversation.`);
      return { ok: true, next: { ...current, state: 'offered', offer: { agentId: command.agent.id, offeredAt: at, expiresAt: command.expiresAt } } };
    case 'accept': {
      if (!hasOpenOfferFor(current, command.agent.id)) {
        return refuse('not_offered_to_you', 'This conversation is not offered to you (it may have been withdrawn).');
      }
      const why = current.state === 'transferred' ? 'accepted the transfer' : 'accepted the offer';
      return {
        ok: true,
        next: { ...current, state: 'assigned', offer: null, assignedAgentId: command.agent.id, owner: { kind: 'agent', id: command.agent.id, name: command.agent.name, since: at, why } },
      };
    }
    case 'decline':
      if (!hasOpenOfferFor(current, command.agent.id)) return refuse('not_offered_to_you', 'This conversation is not offered to you.');
      return { ok: true, next: requeue(current, current.queue, at, `declined by ${command.agent.name}: ${command.reason}`, current.owner.since) };
    case 'expire':
      // Only the offer this timer was armed for: a later offer, or an accepted one, stays.
      if (!hasOpenOfferFor(current, command.agentId) || current.offer?.offeredAt !== command.offeredAt) {
        return refuse('invalid_state', 'That offer is no longer open.');
      }
      return { ok: true, next: requeue(current, current.queue, at, 'the offer timed out', current.owner.since) };
    case 'transfer':
      return transfer(current, command, at);
    case 'resolve':
      if (current.state !== 'assigned' || current.assignedAgentId !== command.by.id) {
        return refuse('not_yours', 'Only the agent who owns this conversation can resolve it.');
      }
      return { ok: true, next: { ...current, state: 'resolved', offer: null, owner: { ...current.owner, since: at, why: `resolved by ${command.by.name}` } } };
    case 'abandon':
      if (!WAITING_STATES.includes(current.state)) {
        return refuse('invalid_state', `A ${current.state} conversation cannot be abandoned: an agent has already joined or it is closed.`);
      }
      return { ok: true, next: { ...current, state: 'abandoned', offer: null, owner: { ...current.owner, since: at, why: `the customer left before an agent joined: ${command.why}` } } };
    case 'take_over':
      if (isClosed(current.state)) return refuse('conversation_closed', `This conversation is ${current.state}.`);
      if (!agentOwnerOf(current)) return refuse('no_agent', 'No agent owns this conversation right now.');
      return {
        ok: true,
        next: {
          ...current,
          offer: null,
          assignedAgentId: command.by.id,
          owner: { kind: 'supervisor', id: command.by.id, name: command.by.name, since: at, why: `taken over from ${current.owner.name}` },
        },
      };
  }
}
