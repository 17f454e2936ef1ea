import { describe, expect, it } from 'vitest';
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
