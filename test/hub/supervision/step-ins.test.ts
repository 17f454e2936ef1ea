import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationView, Flag, Message } from '../../../src/shared/conversation';
import type { HubEvent } from '../../../src/shared/protocol';
import type { RunningHub } from '../../../src/hub/server';
import { createFlagRepository } from '../../../src/hub/store/flags';
import { listeningHub, openStream, signIn } from '../../support/hub';
import { assignedConversation, caller, customerChat } from './support';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const stepIns = (events: HubEvent[], conversationId: string) =>
  events.filter((event) => event.type === 'step-in:started' && event.conversationId === conversationId);

describe('supervisor step-ins', () => {
  it('lets two supervisors monitor one chat, recorded for supervisors and never streamed to the agent', async () => {
    running = await listeningHub();
    await running.hub.context.accounts.saveUser({
      id: 'u_supervisor2', email: 'supervisor2@demo', name: 'Dana Lead', role: 'supervisor', capacity: 0,
      passwordHash: (await running.hub.context.accounts.userByEmail('supervisor@demo'))!.passwordHash, queues: ['support'],
    });
    const { conversationId, agent, agentStream } = await assignedConversation(running);
    const priyaToken = await signIn(running.url, 'supervisor@demo');
    const priyaStream = await openStream(running.url, priyaToken);
    const priya = caller(running.url, priyaToken);
    const dana = caller(running.url, await signIn(running.url, 'supervisor2@demo'));

    const first = await priya<ConversationView>('POST', `/v1/conversations/${conversationId}/monitor`);
    const second = await dana<ConversationView>('POST', `/v1/conversations/${conversationId}/monitor`);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.json.envelope.customer.name).toBe('Maria Okafor');

    await priyaStream.waitFor(() => (stepIns(priyaStream.events(), conversationId).length === 2 ? true : undefined));
    const names = stepIns(priyaStream.events(), conversationId).map((event) => event.type === 'step-in:started' && `${event.mode} ${event.supervisor.name}`);
    expect(names).toEqual(['monitor Priya Supervisor', 'monitor Dana Lead']);
    // Sentinel: the agent's own message is logged after both monitors and streamed to the agent in log order.
    await agent('POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: 'sentinel', text: 'Still here.' });
    await agentStream.waitFor(() => agentStream.events().find((event) => event.type === 'message:added' && event.message.text === 'Still here.'));
    expect(stepIns(agentStream.events(), conversationId)).toEqual([]);
  });

  it('delivers a whisper to the agent marked as staff-only, and never to the customer in the web chat', async () => {
    running = await listeningHub();
    const agentToken = await signIn(running.url, 'agent@demo');
    const agentStream = await openStream(running.url, agentToken);
    await agentStream.waitFor(() => agentStream.messages.find((message) => message.type === 'welcome'));
    const customer = await customerChat(running.url, 'Zoë Brontë');
    customer.say('I want to talk to a human');
    const offer = await agentStream.waitFor(() => agentStream.events().find((event) => event.type === 'conversation:offered'));
    const agent = caller(running.url, agentToken);
    expect((await agent('POST', `/v1/conversations/${offer.conversationId}/accept`)).status).toBe(200);

    const supervisor = caller(running.url, await signIn(running.url, 'supervisor@demo'));
    const whisper = await supervisor<Message>('POST', `/v1/conversations/${offer.conversationId}/whisper`, { clientMessageId: 'w1', text: 'Offer the goodwill voucher.' });
    expect(whisper.status).toBe(201);
    expect(whisper.json).toMatchObject({ author: 'supervisor', authorName: 'Priya Supervisor', visibility: 'staff' });

    const seen = await agentStream.waitFor(() =>
      agentStream.events().find((event) => event.type === 'message:added' && event.message.text === 'Offer the goodwill voucher.'),
    );
    expect(seen.type === 'message:added' && seen.message.visibility).toBe('staff');
    expect((await agent('POST', `/v1/conversations/${offer.conversationId}/messages`, { clientMessageId: 'a1', text: 'Here is a voucher.' })).status).toBe(201);
    await vi.waitUntil(() => customer.texts().includes('Here is a voucher.'), { timeout: 5_000 });
    expect(customer.texts()).not.toContain('Offer the goodwill voucher.');

    // A customer who reconnects gets the history again: the whisper must not be in it either.
    const again = await customerChat(running.url, 'Zoë Brontë', customer.token);
    await vi.waitUntil(() => again.received.some((message) => message.type === 'history'), { timeout: 5_000 });
    expect(again.texts()).toContain('Here is a voucher.');
    expect(again.texts()).not.toContain('Offer the goodwill voucher.');
    customer.close();
    again.close();
  });

  it('lets a barged-in supervisor write, announced to the customer by name, and refuses one who has not', async () => {
    running = await listeningHub();
    const { conversationId, agentStream } = await assignedConversation(running);
    const supervisor = caller(running.url, await signIn(running.url, 'supervisor@demo'));
    const early = await supervisor('POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: 's0', text: 'Hello' });
    expect(early.status).toBe(409);

    const barged = await supervisor<ConversationView>('POST', `/v1/conversations/${conversationId}/barge`, {});
    expect(barged.status).toBe(200);
    expect(barged.json.participants).toEqual([{ id: 'u_supervisor', name: 'Priya Supervisor' }]);
    expect(barged.json.messages.map((message) => message.text)).toContain('Priya Supervisor (supervisor) joined the chat.');
    const said = await supervisor<Message>('POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: 's1', text: 'I am the team lead.' });
    expect(said.status).toBe(201);
    expect(said.json).toMatchObject({ author: 'supervisor', authorName: 'Priya Supervisor' });
    expect(said.json.visibility).toBeUndefined();
    await agentStream.waitFor(() =>
      agentStream.events().find((event) => event.type === 'step-in:started' && event.mode === 'barge' && event.conversationId === conversationId),
    );
    // Barging twice does not announce twice.
    const twice = await supervisor<ConversationView>('POST', `/v1/conversations/${conversationId}/barge`, {});
    expect(twice.json.messages.filter((message) => message.text.includes('joined the chat') && message.author === 'system' && message.text.startsWith('Priya'))).toHaveLength(1);
  });

  it('moves ownership to the supervisor on take-over, tells the agent and frees their capacity', async () => {
    running = await listeningHub();
    const { conversationId, agentStream } = await assignedConversation(running);
    const supervisor = caller(running.url, await signIn(running.url, 'supervisor@demo'));
    expect((await running.hub.context.conversations.loads()).get('u_agent')).toBe(1);

    const taken = await supervisor<ConversationView>('POST', `/v1/conversations/${conversationId}/take-over`, {});
    expect(taken.status).toBe(200);
    expect(taken.json.owner).toMatchObject({ kind: 'supervisor', id: 'u_supervisor', why: 'taken over from Alex Agent' });
    const told = await agentStream.waitFor(() =>
      agentStream.events().find((event) => event.type === 'conversation:state-changed' && event.conversationId === conversationId && event.owner.kind === 'supervisor'),
    );
    expect(told.type === 'conversation:state-changed' && told.owner.name).toBe('Priya Supervisor');
    const note = agentStream.events().find((event) => event.type === 'message:added' && event.message.visibility === 'staff');
    expect(note?.type === 'message:added' && note.message).toMatchObject({
      author: 'system',
      visibility: 'staff',
      text: 'Priya Supervisor (supervisor) took over this conversation. You can read along.',
    });
    expect((await running.hub.context.conversations.loads()).get('u_agent') ?? 0).toBe(0);
    const again = await supervisor('POST', `/v1/conversations/${conversationId}/take-over`, {});
    expect(again.status).toBe(409);
  });

  it('answers an agent flag once: acknowledged by a supervisor of the queue, the agent is told', async () => {
    running = await listeningHub();
    const { conversationId, agentStream } = await assignedConversation(running);
    const flag: Flag = { id: 'f_1', conversationId, raisedBy: { id: 'u_agent', name: 'Alex Agent' }, message: 'Customer threatens to cancel', at: new Date().toISOString(), answer: null };
    await createFlagRepository(running.hub.db).insert(flag);
    const supervisor = caller(running.url, await signIn(running.url, 'supervisor@demo'));

    const answered = await supervisor<Flag>('POST', '/v1/flags/f_1/acknowledge', {});
    expect(answered.status).toBe(200);
    expect(answered.json.answer).toMatchObject({ action: 'acknowledge', by: { id: 'u_supervisor', name: 'Priya Supervisor' } });
    const told = await agentStream.waitFor(() => agentStream.events().find((event) => event.type === 'flag:answered'));
    expect(told.type === 'flag:answered' && told.flag.id).toBe('f_1');
    const notes = () => agentStream.events().filter((event) => event.type === 'message:added' && event.message.visibility === 'staff');
    const note = await agentStream.waitFor(() => notes()[0]);
    expect(note.type === 'message:added' && note.message.text).toBe('Priya Supervisor (supervisor) saw your flag: “Customer threatens to cancel”');
    expect((await supervisor('POST', '/v1/flags/f_1/acknowledge', {})).status).toBe(200);
    expect((await supervisor('POST', '/v1/flags/f_nope/acknowledge', {})).status).toBe(404);
    expect(notes()).toHaveLength(1);
  });

  it('gives the second of two supervisors answering one flag a 409 naming the first, and sends nothing twice', async () => {
    running = await listeningHub();
    const { accounts } = running.hub.context;
    await accounts.saveUser({ ...(await accounts.userByEmail('supervisor@demo'))!, id: 'u_supervisor2', email: 'supervisor2@demo', name: 'Dana Lead' });
    const { conversationId, agent, agentStream } = await assignedConversation(running);
    const flag: Flag = { id: 'f_2', conversationId, raisedBy: { id: 'u_agent', name: 'Alex Agent' }, message: 'Asks for a manager', at: new Date().toISOString(), answer: null };
    await createFlagRepository(running.hub.db).insert(flag);
    const priya = caller(running.url, await signIn(running.url, 'supervisor@demo'));
    const dana = caller(running.url, await signIn(running.url, 'supervisor2@demo'));

    const whispered = await priya<Message>('POST', `/v1/conversations/${conversationId}/whisper`, { clientMessageId: 'p1', text: 'Offer a callback from me.', flagId: 'f_2' });
    expect(whispered.status).toBe(201);
    const { conversations, events } = running.hub.context;
    const before = { messages: (await conversations.messages(conversationId)).length, seq: await events.latestSeq() };

    const late = await dana<{ error: { code: string; message: string } }>('POST', `/v1/conversations/${conversationId}/whisper`, {
      clientMessageId: 'd1',
      text: 'I will take this one.',
      flagId: 'f_2',
    });
    expect(late.status).toBe(409);
    expect(late.json.error).toEqual({ code: 'already_answered', message: 'This flag was already answered by Priya Supervisor, who whispered.' });
    expect((await dana('POST', `/v1/conversations/${conversationId}/barge`, { flagId: 'f_2' })).status).toBe(409);
    expect((await dana('POST', '/v1/flags/f_2/acknowledge', {})).status).toBe(409);
    // Priya's own retry is answered as before, not refused.
    expect((await priya('POST', `/v1/conversations/${conversationId}/whisper`, { clientMessageId: 'p1', text: 'Offer a callback from me.', flagId: 'f_2' })).status).toBe(200);

    expect(await conversations.messages(conversationId)).toHaveLength(before.messages);
    expect(await events.latestSeq()).toBe(before.seq);
    expect((await conversations.view((await conversations.get(conversationId))!)).participants).toEqual([]);
    // Sentinel: the agent's own message is logged after every answer and streamed to the agent in log order.
    await agent('POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: 'sentinel', text: 'Still here.' });
    await agentStream.waitFor(() => agentStream.events().find((event) => event.type === 'message:added' && event.message.text === 'Still here.'));
    expect(agentStream.events().filter((event) => event.type === 'flag:answered')).toHaveLength(1);
  });

  it('refuses agents (403) and supervisors of other queues (404) on every step-in', async () => {
    running = await listeningHub();
    const { accounts } = running.hub.context;
    await accounts.saveQueue('billing', 'Billing');
    await accounts.saveUser({
      id: 'u_billing_lead', email: 'billing-lead@demo', name: 'Bo Billing', role: 'supervisor', capacity: 0,
      passwordHash: (await accounts.userByEmail('supervisor@demo'))!.passwordHash, queues: ['billing'],
    });
    const { conversationId, agent } = await assignedConversation(running);
    const outsider = caller(running.url, await signIn(running.url, 'billing-lead@demo'));
    for (const action of ['monitor', 'barge', 'take-over']) {
      expect((await agent('POST', `/v1/conversations/${conversationId}/${action}`, {})).status).toBe(403);
      expect((await outsider('POST', `/v1/conversations/${conversationId}/${action}`, {})).status).toBe(404);
    }
    expect((await outsider('POST', `/v1/conversations/${conversationId}/whisper`, { clientMessageId: 'x', text: 'hi' })).status).toBe(404);
    expect((await outsider('POST', `/v1/conversations/c_missing/monitor`, {})).status).toBe(404);
  });
});
