import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../src/shared/protocol';
import { envelope, openStream } from '../../support/hub';
import { freshAdminHub, type AdminHub } from './admin-hub';

let current: AdminHub | null = null;
afterEach(async () => {
  await current?.hub.app.close();
  current = null;
});

describe('deactivating an agent', () => {
  it('ends their sessions and stream at once and puts their open chat back in the queue with a note', async () => {
    current = await freshAdminHub();
    const { hub, call, setPassword, signIn } = current;
    await call('POST', '/v1/admin/queues', { id: 'support', name: 'Support' });
    const added = await call('POST', '/v1/admin/people', { email: 'sam@example.com', name: 'Sam Agent', role: 'agent', queues: ['support'] });
    await setPassword(added.json.passwordCode.code, 'a long agent password');
    const samToken = await signIn('sam@example.com', 'a long agent password');
    await hub.context.accounts.saveIntegration('shop', 'Shop bot', 'shop-token', 'support');

    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(hub.app.server.address() as { port: number }).port}`;
    const stream = await openStream(url, samToken);
    await stream.waitFor(() => stream.messages.find((message) => message.type === 'welcome'));
    const handoff = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: { authorization: 'Bearer shop-token' }, payload: envelope() });
    const { conversationId } = handoff.json() as { conversationId: string };
    await stream.waitFor(() => stream.events().find((event) => event.type === 'conversation:offered'));
    expect((await call('POST', `/v1/conversations/${conversationId}/accept`, {}, samToken)).status).toBe(200);

    const closed = new Promise<number>((resolve) => stream.socket.once('close', (code) => resolve(code)));
    const deactivated = await call('POST', `/v1/admin/people/${added.json.person.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    expect(deactivated.json.person.isActive).toBe(false);
    expect(await closed).toBe(CLOSE_CODES.authFailed);

    expect((await call('GET', '/v1/conversations', undefined, samToken)).status).toBe(401);
    expect((await call('POST', '/v1/sessions', { email: 'sam@example.com', password: 'a long agent password' }, null)).status).toBe(401);

    const conversation = (await hub.context.conversations.get(conversationId))!;
    expect(conversation.state).toBe('queued');
    expect(conversation.assignedAgentId).toBeNull();
    expect(conversation.transfer?.note).toBe('Sam Agent was deactivated by Ada Admin; the chat went back to the queue.');

    // A deactivated agent is offered nothing more: routing no longer counts them in the queue.
    expect(await hub.context.accounts.agentsOfQueue('support')).toEqual([]);
    const audit = (await call('GET', '/v1/admin/audit')).json.entries;
    expect(audit[0]).toMatchObject({ action: 'person.deactivated', before: { isActive: true }, after: { isActive: false } });
  });
});
