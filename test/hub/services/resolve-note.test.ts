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
function assignedToAgent(): string {
  const { context } = hub;
  context.presence.connected('u_agent');
  const { conversationId } = context.service.ingest(envelope({ routing: { queue: 'support' } }), context.accounts.integrationById('demo')!);
  context.service.accept(context.accounts.userById('u_agent')!, conversationId);
  return conversationId;
}

describe('the resolve note', () => {
  it('is kept with the resolved conversation: in the answer, in the logged event and in every later read', async () => {
    const id = assignedToAgent();
    const token = await tokenOf('agent@demo');
    const resolved = await hub.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/resolve`,
      headers: { authorization: `Bearer ${token}` },
      payload: { disposition: 'follow_up', note: '  Refund approved as an exception; courier collects Friday.  ' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ state: 'resolved', disposition: 'follow_up', resolveNote: 'Refund approved as an exception; courier collects Friday.' });

    const event = hub.context.events.forQueues(['support'], 0, 1000).find((logged) => logged.type === 'conversation:resolved');
    expect(event).toMatchObject({ note: 'Refund approved as an exception; courier collects Friday.' });

    const supervisor = await tokenOf('supervisor@demo');
    const read = await hub.app.inject({ method: 'GET', url: `/v1/conversations/${id}`, headers: { authorization: `Bearer ${supervisor}` } });
    expect(read.json()).toMatchObject({ resolveNote: 'Refund approved as an exception; courier collects Friday.' });
  });

  it('is null when the agent wrote none, and absent while the conversation is open', () => {
    const id = assignedToAgent();
    const { context } = hub;
    expect(context.conversations.view(context.conversations.get(id)!)).not.toHaveProperty('resolveNote');
    context.service.resolve(context.accounts.userById('u_agent')!, id, 'solved');
    expect(context.conversations.view(context.conversations.get(id)!).resolveNote).toBeNull();
  });
});
