import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { demoHub, envelope } from '../../support/hub';

let hub: Hub;
beforeEach(async () => {
  hub = await demoHub();
});
afterEach(async () => {
  await hub.app.close();
});

async function tokenOf(email: string): Promise<string> {
  const response = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } });
  return (response.json() as { token: string }).token;
}

/** A conversation the demo agent accepted, through the service as routing would offer it. */
async function assignedToAgent(): Promise<string> {
  const { context } = hub;
  const agent = (await context.accounts.userById('u_agent'))!;
  await context.presence.connected(agent.id);
  await context.service.agentAvailable(agent);
  const { conversationId } = await context.service.ingest(envelope({ routing: { queue: 'support' } }), (await context.accounts.integrationById('demo'))!);
  await context.service.accept(agent, conversationId);
  return conversationId;
}

describe('the resolve note', () => {
  it('is kept with the resolved conversation: in the answer, in the logged event and in every later read', async () => {
    const id = await assignedToAgent();
    const token = await tokenOf('agent@demo');
    const resolved = await hub.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/resolve`,
      headers: { authorization: `Bearer ${token}` },
      payload: { disposition: 'follow_up', note: '  Refund approved as an exception; courier collects Friday.  ' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ state: 'resolved', disposition: 'follow_up', resolveNote: 'Refund approved as an exception; courier collects Friday.' });

    const event = (await hub.context.events.forQueues(['support'], 0, 1000)).find((logged) => logged.type === 'conversation:resolved');
    expect(event).toMatchObject({ note: 'Refund approved as an exception; courier collects Friday.' });

    const supervisor = await tokenOf('supervisor@demo');
    const read = await hub.app.inject({ method: 'GET', url: `/v1/conversations/${id}`, headers: { authorization: `Bearer ${supervisor}` } });
    expect(read.json()).toMatchObject({ resolveNote: 'Refund approved as an exception; courier collects Friday.' });
  });

  it('is null when the agent wrote none, and absent while the conversation is open', async () => {
    const id = await assignedToAgent();
    const { context } = hub;
    const view = async () => context.conversations.view((await context.conversations.get(id))!);
    expect(await view()).not.toHaveProperty('resolveNote');
    await context.service.resolve((await context.accounts.userById('u_agent'))!, id, 'solved');
    expect((await view()).resolveNote).toBeNull();
  });
});
