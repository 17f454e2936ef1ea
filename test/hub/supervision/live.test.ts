import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../../src/shared/conversation';
import type { ServerMessage } from '../../../src/shared/protocol';
import type { RunningHub } from '../../../src/hub/server';
import { envelope, listeningHub, openStream, postHandoff, signIn } from '../../support/hub';
import { assignedConversation, caller } from './support';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const snapshots = (messages: ServerMessage[]) => messages.flatMap((message) => (message.type === 'agents' ? [message.agents] : []));
const alex = (agents: AgentStatus[]) => agents.find((agent) => agent.id === 'u_agent');

describe('live supervision messages', () => {
  it('sends supervisors the agents after welcome, then a new snapshot when an agent comes online and takes work', async () => {
    running = await listeningHub();
    const supervisor = await openStream(running.url, await signIn(running.url, 'supervisor@demo'));
    const first = await supervisor.waitFor(() => snapshots(supervisor.messages)[0]);
    expect(supervisor.messages[0]?.type).toBe('welcome');
    expect(alex(first)).toMatchObject({ name: 'Alex Agent', presence: 'offline', load: 0 });

    await assignedConversation(running);
    const busy = await supervisor.waitFor(() => snapshots(supervisor.messages).map(alex).find((status) => status?.presence === 'available' && status.load === 1));
    expect(busy.capacity).toBeGreaterThan(0);
  });

  it('never sends agents the agents list, and answers GET /v1/agents for supervisors only', async () => {
    running = await listeningHub();
    const agentToken = await signIn(running.url, 'agent@demo');
    const supervisor = await openStream(running.url, await signIn(running.url, 'supervisor@demo'));
    const agentStream = await openStream(running.url, agentToken);
    await agentStream.waitFor(() => agentStream.messages.find((message) => message.type === 'welcome'));
    // The snapshot that tells supervisors Alex came online is the one an agent would wrongly get too;
    // an offer to Alex after it is the sentinel: the same socket would have carried the snapshot first.
    await supervisor.waitFor(() => snapshots(supervisor.messages).map(alex).find((status) => status?.presence === 'available'));
    const { conversationId } = (await postHandoff(running.url, envelope())).json;
    await agentStream.waitFor(() => agentStream.events().find((event) => event.type === 'conversation:offered' && event.conversationId === conversationId));
    expect(snapshots(agentStream.messages)).toEqual([]);
    expect((await caller(running.url, agentToken)('GET', '/v1/agents')).status).toBe(403);
    const listed = await caller(running.url, await signIn(running.url, 'supervisor@demo'))<AgentStatus[]>('GET', '/v1/agents');
    expect(listed.json.map((agent) => agent.id)).toContain('u_agent');
  });

  it('relays the owner agent typing to the supervisors monitoring the chat, and to no other supervisor', async () => {
    running = await listeningHub();
    const { accounts } = running.hub.context;
    await accounts.saveUser({
      id: 'u_supervisor2', email: 'supervisor2@demo', name: 'Dana Lead', role: 'supervisor', capacity: 0,
      passwordHash: (await accounts.userByEmail('supervisor@demo'))!.passwordHash, queues: ['support'],
    });
    const { conversationId, agent } = await assignedConversation(running);
    const watchingToken = await signIn(running.url, 'supervisor@demo');
    const watching = await openStream(running.url, watchingToken);
    const other = await openStream(running.url, await signIn(running.url, 'supervisor2@demo'));
    await other.waitFor(() => other.messages.find((message) => message.type === 'welcome'));
    expect((await caller(running.url, watchingToken)('POST', `/v1/conversations/${conversationId}/monitor`)).status).toBe(200);

    expect((await agent('POST', `/v1/conversations/${conversationId}/typing`)).status).toBe(204);
    const typing = await watching.waitFor(() => watching.messages.find((message) => message.type === 'typing'));
    expect(typing).toMatchObject({ conversationId, agentId: 'u_agent' });
    // Sentinel: the agent's next message reaches every supervisor of the queue after any typing relayed to them.
    expect((await agent('POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: 'sentinel', text: 'Still here.' })).status).toBe(201);
    await other.waitFor(() => other.events().find((event) => event.type === 'message:added' && event.message.text === 'Still here.'));
    expect(other.messages.some((message) => message.type === 'typing')).toBe(false);
  });

  it('lists the caller queues and their agents in the directory', async () => {
    running = await listeningHub();
    const directory = await caller(running.url, await signIn(running.url, 'agent@demo'))<{ queues: { id: string }[]; agents: AgentStatus[] }>('GET', '/v1/directory');
    expect(directory.status).toBe(200);
    const agentQueues = (await running.hub.context.accounts.userByEmail('agent@demo'))!.queues;
    expect(directory.json.queues.map((queue) => queue.id).sort()).toEqual([...agentQueues].sort());
    expect(directory.json.queues.map((queue) => queue.id)).not.toContain('fraud');
    expect(directory.json.agents.map((agent) => agent.id)).toEqual(expect.arrayContaining(['u_agent', 'u_agent2']));
  });
});
