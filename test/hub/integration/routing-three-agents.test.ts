import { dirname } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHub, type RunningHub } from '../../../src/hub/server';
import type { ConversationView } from '../../../src/shared/conversation';
import type { HubEvent } from '../../../src/shared/protocol';
import { envelope, openStream, postHandoff, signIn } from '../../support/hub';
import { restartableTestDatabase } from '../../support/test-store';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const SKILLS: Record<string, string[]> = { u_agent: ['billing', 'returns'], u_agent2: ['delivery', 'fraud', 'account'], u_agent3: ['billing', 'fraud'] };
const CAPACITY: Record<string, number> = { u_agent: 3, u_agent2: 2, u_agent3: 1 };
const EMAILS: Record<string, string> = { u_agent: 'agent@demo', u_agent2: 'agent2@demo', u_agent3: 'agent3@demo' };

async function call(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${running!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json().catch(() => null)) as unknown };
}

async function agentOnline(id: string) {
  const token = await signIn(running!.url, EMAILS[id]);
  const stream = await openStream(running!.url, token);
  await stream.waitFor(() => stream.messages.find((message) => message.type === 'welcome'));
  return { id, token, stream };
}

/** A hub's store on the suite's backend, as startHub takes it: a data directory or a PostgreSQL URL. */
async function store(): Promise<{ dataDir: string } | { databaseUrl: string }> {
  const where = await restartableTestDatabase();
  return where.databaseUrl ? { databaseUrl: where.databaseUrl } : { dataDir: dirname(where.databaseFile!) };
}

const offersIn = (events: HubEvent[]) => events.flatMap((event) => (event.type === 'conversation:offered' ? [event] : []));

describe('three agents with different skills and capacities', () => {
  it('route 20 handoffs only to eligible agents within capacity, until every routable one is resolved', async () => {
    running = await startHub({ port: 0, host: '127.0.0.1', ...(await store()), demo: true, offerTimeoutMs: null });
    const supervisor = await openStream(running.url, await signIn(running.url, 'supervisor@demo'));
    const agents = [await agentOnline('u_agent'), await agentOnline('u_agent2'), await agentOnline('u_agent3')];
    const plan = [
      ...Array.from({ length: 4 }, () => ({ skills: ['fraud'] })),
      ...Array.from({ length: 4 }, () => ({ skills: ['billing'] })),
      ...Array.from({ length: 2 }, () => ({ skills: ['returns'] })),
      ...Array.from({ length: 2 }, () => ({ skills: ['delivery'] })),
      ...Array.from({ length: 2 }, () => ({ skills: [], language: 'de' })),
      ...Array.from({ length: 6 }, () => ({ skills: [] })),
    ];
    const needs = new Map<string, string[]>();
    const german = new Set<string>();
    for (const [index, routing] of plan.entries()) {
      const { status, json } = await postHandoff(running.url, envelope({ id: `plan:${index}`, routing: { queue: 'support', priority: 3, ...routing } }));
      expect(status).toBe(201);
      needs.set(json.conversationId!, routing.skills);
      if ('language' in routing) german.add(json.conversationId!);
    }

    const statuses = () => running!.hub.context.service.agentStatuses(['support']);
    const handled = new Set<string>();
    const assignedTo = new Map<string, string>();
    for (let round = 0; handled.size < 18 && round < 40; round += 1) {
      for (const status of await statuses()) expect(status.load).toBeLessThanOrEqual(CAPACITY[status.id]!);
      for (const agent of agents) {
        const open = offersIn(agent.stream.events()).filter((event) => !handled.has(event.conversationId) && !assignedTo.has(event.conversationId));
        for (const offer of open) {
          for (const skill of needs.get(offer.conversationId)!) expect(SKILLS[agent.id]).toContain(skill);
          const accepted = await call(agent.token, 'POST', `/v1/conversations/${offer.conversationId}/accept`);
          expect(accepted.status).toBe(200);
          assignedTo.set(offer.conversationId, agent.id);
        }
      }
      // Each agent resolves one chat per round, which frees a slot for the next offer.
      for (const agent of agents) {
        const mine = [...assignedTo].find(([id, owner]) => owner === agent.id && !handled.has(id));
        if (!mine) continue;
        const resolved = await call(agent.token, 'POST', `/v1/conversations/${mine[0]}/resolve`, { disposition: 'solved' });
        expect(resolved.status).toBe(200);
        expect((resolved.json as ConversationView).disposition).toBe('solved');
        handled.add(mine[0]);
      }
      // The next round needs an offer to accept or a chat still to resolve; routing offers asynchronously.
      const isOpenOffer = (id: string) => !handled.has(id) && !assignedTo.has(id);
      await vi.waitUntil(
        () =>
          handled.size === 18 ||
          [...assignedTo.keys()].some((id) => !handled.has(id)) ||
          agents.some((agent) => offersIn(agent.stream.events()).some((event) => isOpenOffer(event.conversationId))),
        { timeout: 5_000 },
      );
    }
    expect(handled.size).toBe(18);
    expect([...german].every((id) => !assignedTo.has(id))).toBe(true);
    // Every agent did work, and Kofi (capacity 1) never held two.
    expect(new Set(assignedTo.values())).toEqual(new Set(['u_agent', 'u_agent2', 'u_agent3']));
    const waiting = await supervisor.waitFor(() => {
      const found = supervisor.events().filter((event) => event.type === 'routing:waiting' && german.has(event.conversationId));
      return found.length >= 2 ? found : undefined;
    });
    expect(waiting.map((event) => event.type === 'routing:waiting' && event.reason)).toEqual(['no agent speaking de is available', 'no agent speaking de is available']);
    [supervisor, ...agents.map((agent) => agent.stream)].forEach((stream) => stream.close());
  });

  it('moves a timed-out offer to the next eligible agent, skipping one without the skill', async () => {
    running = await startHub({ port: 0, host: '127.0.0.1', ...(await store()), demo: true, offerTimeoutMs: 300 });
    const kofi = await agentOnline('u_agent3');
    const alex = await agentOnline('u_agent');
    const sam = await agentOnline('u_agent2');
    const id = (await postHandoff(running.url, envelope({ routing: { queue: 'support', skills: ['fraud'] } }))).json.conversationId!;
    const first = await kofi.stream.waitFor(() => offersIn(kofi.stream.events()).find((event) => event.conversationId === id));
    expect(first.offer.agentId).toBe('u_agent3');
    const moved = await sam.stream.waitFor(() => offersIn(sam.stream.events()).find((event) => event.conversationId === id), 5000);
    expect(moved.offer.agentId).toBe('u_agent2');
    const ended = await kofi.stream.waitFor(() => kofi.stream.events().find((event) => event.type === 'offer:ended' && event.conversationId === id));
    expect(ended).toMatchObject({ outcome: 'expired', agentId: 'u_agent3' });
    expect(offersIn(alex.stream.events())).toEqual([]);
    [kofi, alex, sam].forEach((agent) => agent.stream.close());
  });

  it('carries a warm transfer’s note to the receiving agent’s stream, and refuses a full or offline one with 409', async () => {
    running = await startHub({ port: 0, host: '127.0.0.1', ...(await store()), demo: true, offerTimeoutMs: null });
    const alex = await agentOnline('u_agent');
    const id = (await postHandoff(running.url, envelope({ routing: { queue: 'support', skills: ['billing'] } }))).json.conversationId!;
    await alex.stream.waitFor(() => offersIn(alex.stream.events()).find((event) => event.conversationId === id));
    expect((await call(alex.token, 'POST', `/v1/conversations/${id}/accept`)).status).toBe(200);

    const offline = await call(alex.token, 'POST', `/v1/conversations/${id}/transfer`, { to: { kind: 'agent', id: 'u_agent3' }, note: 'Fraud check' });
    expect(offline).toMatchObject({ status: 409, json: { error: { code: 'agent_offline', message: 'Kofi Mensah is offline: transfer to someone available, or to a queue.' } } });
    const kofi = await agentOnline('u_agent3');
    const note = 'Card used abroad twice; customer verified by one-time code. Please confirm the block.';
    const sent = await call(alex.token, 'POST', `/v1/conversations/${id}/transfer`, { to: { kind: 'agent', id: 'u_agent3' }, note });
    expect(sent).toMatchObject({ status: 200, json: { state: 'transferred' } });
    const received = await kofi.stream.waitFor(() => kofi.stream.events().find((event) => event.type === 'conversation:transferred' && event.conversationId === id));
    if (received.type !== 'conversation:transferred') throw new Error('not a transfer');
    expect(received.transfer).toMatchObject({ from: { id: 'u_agent', name: 'Alex Agent' }, to: { kind: 'agent', id: 'u_agent3', name: 'Kofi Mensah' }, note });
    expect(received.conversation.transfer?.note).toBe(note);
    expect(received.conversation.envelope.transcript.length).toBeGreaterThan(0);
    const accepted = await call(kofi.token, 'POST', `/v1/conversations/${id}/accept`);
    expect(accepted).toMatchObject({ status: 200, json: { state: 'assigned', owner: { id: 'u_agent3', why: 'accepted the transfer' } } });

    const second = (await postHandoff(running.url, envelope({ routing: { queue: 'support', skills: ['billing'] } }))).json.conversationId!;
    await alex.stream.waitFor(() => offersIn(alex.stream.events()).find((event) => event.conversationId === second));
    await call(alex.token, 'POST', `/v1/conversations/${second}/accept`);
    const full = await call(alex.token, 'POST', `/v1/conversations/${second}/transfer`, { to: { kind: 'agent', id: 'u_agent3' }, note: 'x' });
    expect(full).toMatchObject({ status: 409, json: { error: { code: 'agent_full' } } });
    alex.stream.close();
    kofi.stream.close();
  });
});
