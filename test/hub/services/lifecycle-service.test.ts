import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { build, type Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import type { HubEvent } from '../../../src/shared/protocol';
import { envelope } from '../../support/hub';

let hub: Hub;
let published: HubEvent[];
const start = new Date('2026-11-20T10:00:00.000Z');

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(start);
  hub = build({ databaseFile: ':memory:', offerTimeoutMs: 30_000 });
  await seedDemo(hub);
  published = [];
  // Every event the service logs, in order, as the stream would publish them.
  const append = hub.context.events.append;
  hub.context.events.append = (entry) => {
    const logged = append(entry);
    published.push(logged.event);
    return logged;
  };
});
afterEach(async () => {
  await hub.app.close();
  vi.useRealTimers();
});

const service = () => hub.context.service;
const account = (id: string) => hub.context.accounts.userById(id)!;
const integration = () => hub.context.accounts.integrationById('demo')!;
const online = (...ids: string[]) => ids.forEach((id) => hub.context.presence.connected(id));
const handoff = (routing: Record<string, unknown> = {}, id?: string) =>
  service().ingest(envelope({ ...(id ? { id } : {}), routing: { queue: 'support', ...routing } }), integration()).conversationId;
const view = (id: string) => hub.context.conversations.view(hub.context.conversations.get(id)!);
const ofType = <T extends HubEvent['type']>(type: T) => published.filter((event): event is Extract<HubEvent, { type: T }> => event.type === type);

describe('routing in the service', () => {
  it('offers a handoff needing a skill only to an agent who has it, and to the longest idle of them', () => {
    online('u_agent2');
    vi.advanceTimersByTime(1000);
    online('u_agent3', 'u_agent');
    const fraud = handoff({ skills: ['fraud'] });
    expect(view(fraud).offer?.agentId).toBe('u_agent2');
    const billing = handoff({ skills: ['billing'] });
    // Kofi and Alex came online together; Kofi (u_agent3) sorts after Alex, so Alex is chosen.
    expect(view(billing).offer?.agentId).toBe('u_agent');
  });

  it('stores priority, skills and language from the envelope, defaulting priority to 3', () => {
    const id = handoff({ skills: ['billing'], language: 'fr', priority: 5 });
    expect(view(id)).toMatchObject({ priority: 5, skills: ['billing'], language: 'fr', previousConversationId: null, transfer: null, flags: [], disposition: null, rating: null, participants: [] });
    expect(view(handoff({ priority: undefined })).priority).toBe(3);
  });

  it('tells supervisors once per distinct reason why a handoff waits', () => {
    const id = handoff({ skills: ['fraud'], language: 'de' });
    online('u_agent');
    online('u_agent2');
    hub.context.presence.disconnected('u_agent2');
    online('u_agent2');
    const reasons = ofType('routing:waiting').filter((event) => event.conversationId === id).map((event) => event.reason);
    expect(reasons).toEqual(['nobody is online', 'no agent with skill fraud is available', 'no agent speaking de is available']);
  });

  it('never offers to an agent who chose away, and offers at once when they come back', () => {
    online('u_agent');
    service().setPresence(account('u_agent'), 'away');
    const id = handoff({ skills: ['returns'] });
    expect(view(id).state).toBe('queued');
    service().setPresence(account('u_agent'), 'available');
    expect(view(id)).toMatchObject({ state: 'offered', offer: { agentId: 'u_agent' } });
  });

  it('respects capacity: Kofi gets one chat, the next waits as "all agents are full"', () => {
    online('u_agent3');
    const first = handoff({ queue: 'fraud' });
    const second = handoff({ queue: 'fraud' });
    expect(view(first).offer?.agentId).toBe('u_agent3');
    expect(view(second).state).toBe('queued');
    expect(ofType('routing:waiting').find((event) => event.conversationId === second)?.reason).toBe('all agents are full');
  });

  it('offers the most urgent waiting chat first when an agent comes online', () => {
    const low = handoff({ priority: 1 });
    vi.advanceTimersByTime(10_000);
    const urgent = handoff({ priority: 5 });
    online('u_agent3');
    expect(view(urgent).offer?.agentId).toBe('u_agent3');
    expect(view(low).state).toBe('queued');
  });

  it('records a decline with its code and reason, then offers to the next eligible agent', () => {
    online('u_agent', 'u_agent3');
    const id = handoff({ skills: ['billing'] });
    const first = view(id).offer!.agentId;
    service().decline(account(first), id, 'on a call', 'busy');
    expect(ofType('offer:ended')).toMatchObject([{ agentId: first, outcome: 'declined', reason: 'busy: on a call' }]);
    expect(first).toBe('u_agent');
    expect(view(id).offer?.agentId).toBe('u_agent3');
  });

  it('expires an unanswered offer after the configured time and moves it on', () => {
    online('u_agent', 'u_agent3');
    const id = handoff({ skills: ['billing'] });
    const first = view(id).offer!.agentId;
    vi.advanceTimersByTime(29_000);
    expect(view(id).offer?.agentId).toBe(first);
    vi.advanceTimersByTime(1_500);
    expect(ofType('offer:ended')).toMatchObject([{ agentId: first, outcome: 'expired', reason: 'not accepted within 30 s' }]);
    expect(view(id)).toMatchObject({ state: 'offered', offer: { agentId: first === 'u_agent' ? 'u_agent3' : 'u_agent' } });
  });
});

describe('agent actions in the service', () => {
  function assignedTo(agentId: string, routing: Record<string, unknown> = {}) {
    online(agentId);
    const id = handoff(routing);
    service().accept(account(agentId), id);
    return id;
  }

  it('transfers warmly to a named agent: offered with the note, accepted by them, capacity respected', () => {
    const id = assignedTo('u_agent');
    online('u_agent3');
    const transferred = service().transfer(account('u_agent'), id, { kind: 'agent', id: 'u_agent3' }, 'Needs a fraud check; customer verified.');
    expect(transferred).toMatchObject({ state: 'transferred', offer: { agentId: 'u_agent3' }, transfer: { from: { id: 'u_agent' }, to: { kind: 'agent', id: 'u_agent3', name: 'Kofi Mensah' }, note: 'Needs a fraud check; customer verified.' } });
    expect(hub.context.events.forAgent('u_agent3', 0, 100).map((event) => event.type)).toContain('conversation:transferred');
    expect(service().accept(account('u_agent3'), id)).toMatchObject({ state: 'assigned', owner: { id: 'u_agent3', why: 'accepted the transfer' } });
    const other = assignedTo('u_agent');
    expect(() => service().transfer(account('u_agent'), other, { kind: 'agent', id: 'u_agent3' }, 'x')).toThrow(/Kofi Mensah is at capacity/);
    expect(() => service().transfer(account('u_agent'), other, { kind: 'agent', id: 'u_agent2' }, 'x')).toThrow(/Sam Agent is offline/);
  });

  it('transfers to a queue, where it is routed again to an agent with that queue’s skill', () => {
    const id = assignedTo('u_agent');
    online('u_agent2');
    const moved = service().transfer(account('u_agent'), id, { kind: 'queue', id: 'fraud' }, 'Suspicious card use');
    expect(moved).toMatchObject({ queue: 'fraud', state: 'offered', offer: { agentId: 'u_agent2' }, transfer: { to: { kind: 'queue', id: 'fraud', name: 'Fraud' } } });
  });

  it('routes a chat handed back to its own queue to someone else while anyone is free, and to the sender only when nobody is', () => {
    const alone = assignedTo('u_agent');
    const id = assignedTo('u_agent');
    expect(service().transfer(account('u_agent'), alone, { kind: 'queue', id: 'support' }, 'Back to the queue').offer?.agentId).toBe('u_agent');
    online('u_agent2');
    // Alex has room and has been idle longer than Sam, yet the chat he handed on goes to Sam.
    const moved = service().transfer(account('u_agent'), id, { kind: 'queue', id: 'support' }, 'Needs a delivery specialist');
    expect(moved).toMatchObject({ state: 'offered', offer: { agentId: 'u_agent2' }, transfer: { from: { name: 'Alex Agent' }, note: 'Needs a delivery specialist' } });
  });

  it('lets a supervisor of the queue force a transfer, and nobody else', () => {
    const id = assignedTo('u_agent');
    expect(() => service().transfer(account('u_agent2'), id, { kind: 'queue', id: 'fraud' }, 'mine now')).toThrow(/Only the agent who owns/);
    expect(service().transfer(account('u_supervisor'), id, { kind: 'queue', id: 'fraud' }, 'escalating', { force: true }).queue).toBe('fraud');
  });

  it('raises a flag from the owner and records the supervisor’s answer once', () => {
    const id = assignedTo('u_agent');
    const flag = service().raiseFlag(account('u_agent'), id, 'Customer threatens legal action');
    expect(view(id).flags).toEqual([flag]);
    expect(service().agentStatuses(['support']).find((agent) => agent.id === 'u_agent')).toMatchObject({ presence: 'available', load: 1, openFlags: 1, skills: ['billing', 'returns'] });
    const answered = service().answerFlag(flag.id, account('u_supervisor'), 'acknowledge');
    expect(answered.answer).toMatchObject({ by: { id: 'u_supervisor' }, action: 'acknowledge' });
    // The same supervisor repeating themselves changes nothing; a second supervisor is told who answered.
    expect(service().answerFlag(flag.id, account('u_supervisor'), 'whisper')).toEqual(answered);
    hub.context.accounts.saveUser({ ...account('u_supervisor'), id: 'u_lead', email: 'lead@demo', name: 'Dana Lead' });
    expect(() => service().answerFlag(flag.id, account('u_lead'), 'barge')).toThrow('This flag was already answered by Priya Supervisor, who acknowledged it.');
    expect(ofType('flag:answered')).toHaveLength(1);
    expect(view(id).flags).toEqual([answered]);
    expect(() => service().raiseFlag(account('u_agent2'), id, 'not mine')).toThrow(/only flag a conversation you own/);
  });

  it('resolves with a disposition, frees the capacity for the next waiting chat, and takes one rating', () => {
    const id = assignedTo('u_agent3');
    const waiting = handoff();
    expect(view(waiting).state).toBe('queued');
    expect(service().resolve(account('u_agent3'), id, 'solved')).toMatchObject({ state: 'resolved', disposition: 'solved' });
    expect(ofType('conversation:resolved')).toMatchObject([{ disposition: 'solved', by: { id: 'u_agent3' } }]);
    expect(view(waiting).offer?.agentId).toBe('u_agent3');
    expect(service().rate(id, 4).rating).toBe(4);
    expect(() => service().rate(id, 5)).toThrow(/already been rated/);
    expect(() => service().rate(waiting, 5)).toThrow(/Only a resolved conversation/);
  });

  it('abandons a waiting handoff with how long the customer waited, but not one an agent joined', () => {
    const id = handoff();
    vi.advanceTimersByTime(95_000);
    expect(service().abandon(id, 'closed the chat').state).toBe('abandoned');
    expect(ofType('conversation:abandoned')).toMatchObject([{ conversationId: id, waitedMs: 95_000 }]);
    const joined = assignedTo('u_agent');
    expect(() => service().abandon(joined, 'left')).toThrow(/cannot be abandoned/);
  });

  it('refuses the bot once a human has the conversation, and the customer once it is closed', () => {
    const id = assignedTo('u_agent');
    expect(() => service().botSays('demo', id, 'b1', 'Can I help?')).toThrow(expect.objectContaining({ code: 'human_owns' }));
    expect(() => service().botSays('other-integration', id, 'b1', 'hi')).toThrow(expect.objectContaining({ code: 'not_found' }));
    service().resolve(account('u_agent'), id, 'solved');
    expect(() => service().customerSays(id, 'one more thing', 'c1')).toThrow(expect.objectContaining({ code: 'conversation_closed' }));
    const again = service().ingest(envelope({ routing: { queue: 'support' } }), integration(), { previousConversationId: id }).conversationId;
    expect(view(again)).toMatchObject({ previousConversationId: id, owner: { why: expect.stringContaining('the customer wrote again') } });
  });
});
