import { describe, expect, it } from 'vitest';
import { CLOSED_STATES } from '../../../src/shared/conversation';
import { queueOwner, transition, type LifecycleState } from '../../../src/hub/lifecycle/transitions';
import { chooseAgent, type Candidate } from '../../../src/hub/routing/choose-agent';

const at = '2026-11-20T10:00:00.000Z';
const alex = { id: 'u1', name: 'Alex' };
const sam = { id: 'u2', name: 'Sam' };
const queued: LifecycleState = { state: 'queued', queue: 'support', owner: queueOwner('support', at, 'handed off'), offer: null, assignedAgentId: null };

describe('the conversation lifecycle', () => {
  it('offers a queued conversation and lets only the offered agent accept it', () => {
    const offered = transition(queued, { kind: 'offer', agent: alex, expiresAt: null }, at);
    expect(offered.ok && offered.next.state).toBe('offered');
    if (!offered.ok) return;
    expect(transition(offered.next, { kind: 'accept', agent: sam }, at)).toMatchObject({ ok: false, code: 'not_offered_to_you' });
    const accepted = transition(offered.next, { kind: 'accept', agent: alex }, at);
    expect(accepted.ok && accepted.next).toMatchObject({ state: 'assigned', assignedAgentId: 'u1', owner: { kind: 'agent', id: 'u1', why: 'accepted the offer' } });
  });

  it('puts a declined offer back in the queue, saying who declined and why', () => {
    const offered = transition(queued, { kind: 'offer', agent: alex, expiresAt: null }, at);
    if (!offered.ok) throw new Error('offer refused');
    const declined = transition(offered.next, { kind: 'decline', agent: alex, reason: 'not my language' }, at);
    expect(declined.ok && declined.next).toMatchObject({ state: 'queued', offer: null, owner: { kind: 'queue', why: 'declined by Alex: not my language' } });
  });

  it('returns a timed-out offer to the queue, but only the offer the timer was armed for', () => {
    const offered = transition(queued, { kind: 'offer', agent: alex, expiresAt: '2026-11-20T10:00:30.000Z' }, at);
    if (!offered.ok) throw new Error('offer refused');
    expect(transition(offered.next, { kind: 'expire', agentId: 'u1', offeredAt: '2026-11-20T09:00:00.000Z' }, at)).toMatchObject({ ok: false });
    expect(transition(offered.next, { kind: 'expire', agentId: 'u2', offeredAt: at }, at)).toMatchObject({ ok: false });
    const expired = transition(offered.next, { kind: 'expire', agentId: 'u1', offeredAt: at }, at);
    expect(expired.ok && expired.next).toMatchObject({ state: 'queued', offer: null, owner: { kind: 'queue', id: 'support', why: 'the offer timed out' } });
  });

  it('keeps when the customer started waiting through a declined or timed-out offer, and restarts it on a transfer to a queue', () => {
    const later = '2026-11-20T10:05:00.000Z';
    const offered = transition(queued, { kind: 'offer', agent: alex, expiresAt: null }, at);
    if (!offered.ok) throw new Error('offer refused');
    const declined = transition(offered.next, { kind: 'decline', agent: alex, reason: 'busy' }, later);
    expect(declined.ok && declined.next.owner.since).toBe(at);
    const expired = transition(offered.next, { kind: 'expire', agentId: 'u1', offeredAt: at }, later);
    expect(expired.ok && expired.next.owner.since).toBe(at);
    const assigned: LifecycleState = { ...queued, state: 'assigned', assignedAgentId: 'u1' };
    const moved = transition(assigned, { kind: 'transfer', by: alex, to: { kind: 'queue', queue: 'billing' }, force: false }, later);
    expect(moved.ok && moved.next.owner.since).toBe(later);
  });

  it('refuses to offer what is not queued and to resolve what is not yours', () => {
    expect(transition({ ...queued, state: 'resolved' }, { kind: 'offer', agent: alex, expiresAt: null }, at)).toMatchObject({ ok: false, code: 'invalid_state' });
    const assigned: LifecycleState = { ...queued, state: 'assigned', assignedAgentId: 'u1' };
    expect(transition(assigned, { kind: 'resolve', by: sam }, at)).toMatchObject({ ok: false, code: 'not_yours' });
    expect(transition(assigned, { kind: 'resolve', by: alex }, at)).toMatchObject({ ok: true, next: { state: 'resolved' } });
  });
});

describe('choosing the agent for an offer', () => {
  const candidate = (overrides: Partial<Candidate>): Candidate => ({ id: 'u', name: 'U', presence: 'available', capacity: 2, load: 0, idleSince: 1000, skills: [], languages: [], ...overrides });

  it('picks the longest idle of the available agents with free capacity', () => {
    const chosen = chooseAgent([candidate({ id: 'a', idleSince: 500 }), candidate({ id: 'b', idleSince: 100 }), candidate({ id: 'c', idleSince: 50, load: 2 })]);
    expect(chosen?.id).toBe('b');
  });

  it('never offers to an agent who is offline, away or full, or who declined this conversation', () => {
    const candidates = [candidate({ id: 'off', presence: 'offline', idleSince: 1 }), candidate({ id: 'away', presence: 'away', idleSince: 1 }), candidate({ id: 'full', load: 2, idleSince: 2 }), candidate({ id: 'declined', idleSince: 3 })];
    expect(chooseAgent(candidates, { skills: [], language: null }, new Set(['declined']))).toBeNull();
  });
});

describe('warm transfers and endings in the lifecycle', () => {
  const kofi = { id: 'u3', name: 'Kofi' };
  const priya = { id: 's1', name: 'Priya' };
  const assigned: LifecycleState = { state: 'assigned', queue: 'support', owner: { kind: 'agent', id: 'u1', name: 'Alex', since: at, why: 'accepted the offer' }, offer: null, assignedAgentId: 'u1' };
  const later = '2026-11-20T10:05:00.000Z';

  it('offers a transferred conversation to the named agent, who owns it only once they accept', () => {
    const moved = transition(assigned, { kind: 'transfer', by: alex, to: { kind: 'agent', agent: kofi, expiresAt: null }, force: false }, later);
    if (!moved.ok) throw new Error(moved.message);
    expect(moved.next).toMatchObject({ state: 'transferred', assignedAgentId: null, offer: { agentId: 'u3', offeredAt: later }, owner: { id: 'u3', since: later } });
    expect(moved.next.owner.why).toBe('warm transfer from Alex, waiting for Kofi to accept');
    expect(transition(moved.next, { kind: 'accept', agent: sam }, later)).toMatchObject({ ok: false, code: 'not_offered_to_you' });
    expect(transition(moved.next, { kind: 'accept', agent: kofi }, later)).toMatchObject({ ok: true, next: { state: 'assigned', assignedAgentId: 'u3', owner: { why: 'accepted the transfer' } } });
    expect(transition(moved.next, { kind: 'decline', agent: kofi, reason: 'busy' }, later)).toMatchObject({ ok: true, next: { state: 'queued', queue: 'support' } });
  });

  it('sends a conversation transferred to a queue back to routing in that queue', () => {
    const moved = transition(assigned, { kind: 'transfer', by: alex, to: { kind: 'queue', queue: 'fraud' }, force: false }, later);
    expect(moved.ok && moved.next).toEqual({ state: 'queued', queue: 'fraud', offer: null, assignedAgentId: null, owner: queueOwner('fraud', later, 'transferred by Alex') });
  });

  it('lets only the owner transfer, unless forced by a supervisor, who may also move a waiting one', () => {
    const toQueue = { kind: 'queue' as const, queue: 'fraud' };
    expect(transition(assigned, { kind: 'transfer', by: sam, to: toQueue, force: false }, later)).toMatchObject({ ok: false, code: 'not_yours' });
    expect(transition(assigned, { kind: 'transfer', by: priya, to: toQueue, force: true }, later)).toMatchObject({ ok: true });
    expect(transition(queued, { kind: 'transfer', by: priya, to: toQueue, force: true }, later)).toMatchObject({ ok: true, next: { queue: 'fraud' } });
    expect(transition({ ...assigned, state: 'resolved' }, { kind: 'transfer', by: priya, to: toQueue, force: true }, later)).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(transition(assigned, { kind: 'transfer', by: alex, to: { kind: 'agent', agent: alex, expiresAt: null }, force: false }, later)).toMatchObject({ ok: false });
  });

  it('abandons a handoff only while no agent has joined, saying why', () => {
    expect(transition(queued, { kind: 'abandon', why: 'closed the window' }, later)).toMatchObject({
      ok: true,
      next: { state: 'abandoned', owner: { since: later, why: 'the customer left before an agent joined: closed the window' } },
    });
    const offered = transition(queued, { kind: 'offer', agent: alex, expiresAt: null }, at);
    expect(offered.ok && transition(offered.next, { kind: 'abandon', why: 'left' }, later)).toMatchObject({ ok: true, next: { state: 'abandoned', offer: null } });
    expect(transition(assigned, { kind: 'abandon', why: 'left' }, later)).toMatchObject({ ok: false, code: 'invalid_state' });
  });

  it('moves an agent-owned chat to the supervisor who takes it over, and nothing else', () => {
    const taken = transition(assigned, { kind: 'take_over', by: priya }, later);
    expect(taken.ok && taken.next).toEqual({
      ...assigned,
      assignedAgentId: priya.id,
      owner: { kind: 'supervisor', id: priya.id, name: priya.name, since: later, why: 'taken over from Alex' },
    });
    expect(taken.ok && transition(taken.next, { kind: 'take_over', by: priya }, later)).toMatchObject({ ok: false, code: 'no_agent' });
    expect(transition(queued, { kind: 'take_over', by: priya }, later)).toMatchObject({ ok: false, code: 'no_agent' });
    for (const state of CLOSED_STATES) {
      expect(transition({ ...assigned, state }, { kind: 'take_over', by: priya }, later)).toMatchObject({ ok: false, code: 'conversation_closed' });
    }
  });
});
