import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import type { HubEvent } from '../../../src/shared/protocol';
import { envelope } from '../../support/hub';
import { testHub } from '../../support/test-store';

let hub: Hub;
let published: HubEvent[];
const start = new Date('2026-11-20T10:00:00.000Z');

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(start);
  hub = await testHub({ offerTimeoutMs: 30_000 });
  await seedDemo(hub);
  published = [];
  // Every event the service logs, in order, as the stream would publish them.
  const append = hub.context.events.append;
  hub.context.events.append = async (entry) => {
    const logged = await append(entry);
    published.push(logged.event);
    return logged;
  };
});
afterEach(async () => {
  await hub.app.close();
  vi.useRealTimers();
});

const service = () => hub.context.service;
const account = async (id: string) => (await hub.context.accounts.userById(id))!;
const integration = async () => (await hub.context.accounts.integrationById('demo'))!;
/** Agents connecting, as their stream does: presence first, then what waits is offered to them. */
async function online(...ids: string[]): Promise<void> {
  for (const id of ids) {
    await hub.context.presence.connected(id);
    await service().agentAvailable(await account(id));
  }
}
const handoff = async (routing: Record<string, unknown> = {}, id?: string) =>
  (await service().ingest(envelope({ ...(id ? { id } : {}), routing: { queue: 'support', ...routing } }), await integration())).conversationId;
const view = async (id: string) => hub.context.conversations.view((await hub.context.conversations.get(id))!);
/** Moves the clock past an offer's deadline and waits for the expiry its timer started. */
async function advance(ms: number): Promise<void> {
  vi.advanceTimersByTime(ms);
  await service().kernel.settle();
}
const ofType = <T extends HubEvent['type']>(type: T) => published.filter((event): event is Extract<HubEvent, { type: T }> => event.type === type);

describe('routing in the service', () => {
  it('offers a handoff needing a skill only to an agent who has it, and to the longest idle of them', async () => {
    await online('u_agent2');
    vi.advanceTimersByTime(1000);
    await online('u_agent3', 'u_agent');
    const fraud = await handoff({ skills: ['fraud'] });
    expect((await view(fraud)).offer?.agentId).toBe('u_agent2');
    const billing = await handoff({ skills: ['billing'] });
    // Kofi and Alex came online together; Kofi (u_agent3) sorts after Alex, so Alex is chosen.
    expect((await view(billing)).offer?.agentId).toBe('u_agent');
  });

  it('stores priority, skills and language from the envelope, defaulting priority to 3', async () => {
    const id = await handoff({ skills: ['billing'], language: 'fr', priority: 5 });
    expect(await view(id)).toMatchObject({ priority: 5, skills: ['billing'], language: 'fr', previousConversationId: null, transfer: null, flags: [], disposition: null, rating: null, participants: [] });
    expect((await view(await handoff({ priority: undefined }))).priority).toBe(3);
  });

  it('tells supervisors once per distinct reason why a handoff waits', async () => {
    const id = await handoff({ skills: ['fraud'], language: 'de' });
    await online('u_agent');
    await online('u_agent2');
    await hub.context.presence.disconnected('u_agent2');
    await online('u_agent2');
    const reasons = ofType('routing:waiting').filter((event) => event.conversationId === id).map((event) => event.reason);
    expect(reasons).toEqual(['nobody is online', 'no agent with skill fraud is available', 'no agent speaking de is available']);
  });

  it('never offers to an agent who chose away, and offers at once when they come back', async () => {
    await online('u_agent');
    await service().setPresence(await account('u_agent'), 'away');
    const id = await handoff({ skills: ['returns'] });
    expect((await view(id)).state).toBe('queued');
    await service().setPresence(await account('u_agent'), 'available');
    expect(await view(id)).toMatchObject({ state: 'offered', offer: { agentId: 'u_agent' } });
  });

  it('respects capacity: Kofi gets one chat, the next waits as "all agents are full"', async () => {
    await online('u_agent3');
    const first = await handoff({ queue: 'fraud' });
    const second = await handoff({ queue: 'fraud' });
    expect((await view(first)).offer?.agentId).toBe('u_agent3');
    expect((await view(second)).state).toBe('queued');
    expect(ofType('routing:waiting').find((event) => event.conversationId === second)?.reason).toBe('all agents are full');
  });

  it('never offers one chat twice nor fills an agent past capacity when handoffs and arrivals race', async () => {
    // Kofi (capacity 1) comes online while five handoffs arrive at once: each decision is made in
    // its own write, so exactly one of them reaches him and the rest wait.
    const arriving = Array.from({ length: 5 }, () => handoff({ queue: 'fraud' }));
    await hub.context.presence.connected('u_agent3');
    const [ids] = await Promise.all([Promise.all(arriving), service().agentAvailable(await account('u_agent3'))]);
    const views = await Promise.all(ids.map(view));
    expect(views.filter((conversation) => conversation.offer?.agentId === 'u_agent3')).toHaveLength(1);
    expect(ofType('conversation:offered')).toHaveLength(1);
    expect((await hub.context.conversations.loads()).get('u_agent3')).toBe(1);
  });

  it('offers the most urgent waiting chat first when an agent comes online', async () => {
    const low = await handoff({ priority: 1 });
    vi.advanceTimersByTime(10_000);
    const urgent = await handoff({ priority: 5 });
    await online('u_agent3');
    expect((await view(urgent)).offer?.agentId).toBe('u_agent3');
    expect((await view(low)).state).toBe('queued');
  });

  it('records a decline with its code and reason, then offers to the next eligible agent', async () => {
    await online('u_agent', 'u_agent3');
    const id = await handoff({ skills: ['billing'] });
    const first = (await view(id)).offer!.agentId;
    await service().decline(await account(first), id, 'on a call', 'busy');
    expect(ofType('offer:ended')).toMatchObject([{ agentId: first, outcome: 'declined', reason: 'busy: on a call' }]);
    expect(first).toBe('u_agent');
    expect((await view(id)).offer?.agentId).toBe('u_agent3');
  });

  it('expires an unanswered offer after the configured time and moves it on', async () => {
    await online('u_agent', 'u_agent3');
    const id = await handoff({ skills: ['billing'] });
    const first = (await view(id)).offer!.agentId;
    await advance(29_000);
    expect((await view(id)).offer?.agentId).toBe(first);
    await advance(1_500);
    expect(ofType('offer:ended')).toMatchObject([{ agentId: first, outcome: 'expired', reason: 'not accepted within 30 s' }]);
    expect(await view(id)).toMatchObject({ state: 'offered', offer: { agentId: first === 'u_agent' ? 'u_agent3' : 'u_agent' } });
  });

  it('leaves an offer accepted before its deadline alone when the timer fires', async () => {
    await online('u_agent');
    const id = await handoff();
    await service().accept(await account('u_agent'), id);
    await advance(31_000);
    expect(ofType('offer:ended')).toEqual([]);
    expect(await view(id)).toMatchObject({ state: 'assigned', owner: { id: 'u_agent' } });
  });

  it('re-arms the timers of open offers after a restart, so they still expire', async () => {
    await online('u_agent', 'u_agent3');
    const id = await handoff({ skills: ['billing'] });
    const first = (await view(id)).offer!.agentId;
    // Its timer gone, as after a restart: only what the store says is open can bring it back.
    await service().stop();
    await service().rearmOfferTimers();
    await advance(30_500);
    expect(ofType('offer:ended')).toMatchObject([{ agentId: first, outcome: 'expired' }]);
  });
});

describe('agent actions in the service', () => {
  async function assignedTo(agentId: string, routing: Record<string, unknown> = {}) {
    await online(agentId);
    const id = await handoff(routing);
    await service().accept(await account(agentId), id);
    return id;
  }

  it('transfers warmly to a named agent: offered with the note, accepted by them, capacity respected', async () => {
    const id = await assignedTo('u_agent');
    await online('u_agent3');
    const transferred = await service().transfer(await account('u_agent'), id, { kind: 'agent', id: 'u_agent3' }, 'Needs a fraud check; customer verified.');
    expect(transferred).toMatchObject({ state: 'transferred', offer: { agentId: 'u_agent3' }, transfer: { from: { id: 'u_agent' }, to: { kind: 'agent', id: 'u_agent3', name: 'Kofi Mensah' }, note: 'Needs a fraud check; customer verified.' } });
    expect((await hub.context.events.forAgent('u_agent3', 0, 100)).map((event) => event.type)).toContain('conversation:transferred');
    expect(await service().accept(await account('u_agent3'), id)).toMatchObject({ state: 'assigned', owner: { id: 'u_agent3', why: 'accepted the transfer' } });
    const other = await assignedTo('u_agent');
    await expect(service().transfer(await account('u_agent'), other, { kind: 'agent', id: 'u_agent3' }, 'x')).rejects.toThrow(/Kofi Mensah is at capacity/);
    await expect(service().transfer(await account('u_agent'), other, { kind: 'agent', id: 'u_agent2' }, 'x')).rejects.toThrow(/Sam Agent is offline/);
  });

  it('transfers to a queue, where it is routed again to an agent with that queue’s skill', async () => {
    const id = await assignedTo('u_agent');
    await online('u_agent2');
    const moved = await service().transfer(await account('u_agent'), id, { kind: 'queue', id: 'fraud' }, 'Suspicious card use');
    expect(moved).toMatchObject({ queue: 'fraud', state: 'offered', offer: { agentId: 'u_agent2' }, transfer: { to: { kind: 'queue', id: 'fraud', name: 'Fraud' } } });
  });

  it('routes a chat handed back to its own queue to someone else while anyone is free, and to the sender only when nobody is', async () => {
    const alone = await assignedTo('u_agent');
    const id = await assignedTo('u_agent');
    expect((await service().transfer(await account('u_agent'), alone, { kind: 'queue', id: 'support' }, 'Back to the queue')).offer?.agentId).toBe('u_agent');
    await online('u_agent2');
    // Alex has room and has been idle longer than Sam, yet the chat he handed on goes to Sam.
    const moved = await service().transfer(await account('u_agent'), id, { kind: 'queue', id: 'support' }, 'Needs a delivery specialist');
    expect(moved).toMatchObject({ state: 'offered', offer: { agentId: 'u_agent2' }, transfer: { from: { name: 'Alex Agent' }, note: 'Needs a delivery specialist' } });
  });

  it('lets a supervisor of the queue force a transfer, and nobody else', async () => {
    const id = await assignedTo('u_agent');
    await expect(service().transfer(await account('u_agent2'), id, { kind: 'queue', id: 'fraud' }, 'mine now')).rejects.toThrow(/Only the agent who owns/);
    expect((await service().transfer(await account('u_supervisor'), id, { kind: 'queue', id: 'fraud' }, 'escalating', { force: true })).queue).toBe('fraud');
  });

  it('raises a flag from the owner and records the supervisor’s answer once', async () => {
    const id = await assignedTo('u_agent');
    const flag = await service().raiseFlag(await account('u_agent'), id, 'Customer threatens legal action');
    expect((await view(id)).flags).toEqual([flag]);
    expect((await service().agentStatuses(['support'])).find((agent) => agent.id === 'u_agent')).toMatchObject({ presence: 'available', load: 1, openFlags: 1, skills: ['billing', 'returns'] });
    const answered = await service().answerFlag(flag.id, await account('u_supervisor'), 'acknowledge');
    expect(answered.answer).toMatchObject({ by: { id: 'u_supervisor' }, action: 'acknowledge' });
    // The same supervisor repeating themselves changes nothing; a second supervisor is told who answered.
    expect(await service().answerFlag(flag.id, await account('u_supervisor'), 'whisper')).toEqual(answered);
    await hub.context.accounts.saveUser({ ...(await account('u_supervisor')), id: 'u_lead', email: 'lead@demo', name: 'Dana Lead' });
    await expect(service().answerFlag(flag.id, await account('u_lead'), 'barge')).rejects.toThrow('This flag was already answered by Priya Supervisor, who acknowledged it.');
    expect(ofType('flag:answered')).toHaveLength(1);
    expect((await view(id)).flags).toEqual([answered]);
    await expect(service().raiseFlag(await account('u_agent2'), id, 'not mine')).rejects.toThrow(/only flag a conversation you own/);
  });

  it('resolves with a disposition, frees the capacity for the next waiting chat, and takes one rating', async () => {
    const id = await assignedTo('u_agent3');
    const waiting = await handoff();
    expect((await view(waiting)).state).toBe('queued');
    expect(await service().resolve(await account('u_agent3'), id, 'solved')).toMatchObject({ state: 'resolved', disposition: 'solved' });
    expect(ofType('conversation:resolved')).toMatchObject([{ disposition: 'solved', by: { id: 'u_agent3' } }]);
    expect((await view(waiting)).offer?.agentId).toBe('u_agent3');
    expect((await service().rate(id, 4)).rating).toBe(4);
    await expect(service().rate(id, 5)).rejects.toThrow(/already been rated/);
    await expect(service().rate(waiting, 5)).rejects.toThrow(/Only a resolved conversation/);
  });

  it('abandons a waiting handoff with how long the customer waited, but not one an agent joined', async () => {
    const id = await handoff();
    vi.advanceTimersByTime(95_000);
    expect((await service().abandon(id, 'closed the chat')).state).toBe('abandoned');
    expect(ofType('conversation:abandoned')).toMatchObject([{ conversationId: id, waitedMs: 95_000 }]);
    const joined = await assignedTo('u_agent');
    await expect(service().abandon(joined, 'left')).rejects.toThrow(/cannot be abandoned/);
  });

  it('refuses the bot once a human has the conversation, and the customer once it is closed', async () => {
    const id = await assignedTo('u_agent');
    await expect(service().botSays('demo', id, 'b1', 'Can I help?')).rejects.toThrow(expect.objectContaining({ code: 'human_owns' }));
    await expect(service().botSays('other-integration', id, 'b1', 'hi')).rejects.toThrow(expect.objectContaining({ code: 'not_found' }));
    await service().resolve(await account('u_agent'), id, 'solved');
    await expect(service().customerSays(id, 'one more thing', 'c1')).rejects.toThrow(expect.objectContaining({ code: 'conversation_closed' }));
    const again = (await service().ingest(envelope({ routing: { queue: 'support' } }), await integration(), { previousConversationId: id })).conversationId;
    expect(await view(again)).toMatchObject({ previousConversationId: id, owner: { why: expect.stringContaining('the customer wrote again') } });
  });

  it('accepts an offer once when the same accept arrives twice at once (a double click, two replicas)', async () => {
    await online('u_agent');
    const id = await handoff();
    const agent = await account('u_agent');
    const results = await Promise.allSettled([service().accept(agent, id), service().accept(agent, id)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(ofType('conversation:assigned')).toHaveLength(1);
  });
});
