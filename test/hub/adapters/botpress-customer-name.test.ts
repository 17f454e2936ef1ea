import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { demoHub } from '../../support/hub';

/**
 * botpress/growth integrations/hitl-api: createUser posts `createRemoteUser` with the action's
 * input (`{ name, email, pictureUrl }`, role end-user) and keeps our `id` as the user's externalId;
 * startHitl's `createRemoteConversation` names no user; each message of the hitl channel is
 * `botSendsMessage { remoteConversationId, remoteUserId: <that externalId>, payload }` (src/index.ts,
 * src/externalService.ts). So the customer is known from their first message on.
 */

let hub: Hub;
beforeEach(async () => {
  hub = await demoHub();
});
afterEach(async () => {
  await hub.app.close();
});

const hitlApi = async (operation: string, body: Record<string, unknown>) => {
  const response = await hub.app.inject({ method: 'POST', url: `/v1/integrations/botpress/${DEMO_INTEGRATION_TOKEN}/${operation}`, payload: { type: operation, ...body } });
  expect(response.statusCode).toBeLessThan(300);
  return response.json() as { id: string; conversationId: string };
};
const createUser = async (name: string, email: string) =>
  (await hitlApi('createRemoteUser', { payload: { role: 'end-user', name, email, pictureUrl: 'https://files.bpcontent.cloud/avatar.png' } })).id;
const says = (ticket: string, remoteUserId: string, text: string) =>
  hitlApi('botSendsMessage', { remoteConversationId: ticket, remoteUserId, payload: { type: 'text', text, userId: 'user_01JBP' } });

const customerOf = async (conversationId: string) => (await hub.context.conversations.get(conversationId))?.envelope.customer;
const customerEvents = async (conversationId: string) =>
  (await hub.context.events.forQueues(['support'], 0, 1000)).filter((event) => event.conversationId === conversationId && event.type === 'conversation:customer-updated');

describe('Botpress naming the customer with their first message', () => {
  it('names a ticket that named nobody after the customer’s first message, and a later message from someone else does not rename it', async () => {
    const ana = await createUser('Ana Pereira', 'ana@example.com');
    const bruno = await createUser('Bruno Costa', 'bruno@example.com');
    const { id: ticket, conversationId } = await hitlApi('createRemoteConversation', { payload: { title: 'Parcel never arrived', description: 'Asked for a human' } });
    expect((await customerOf(conversationId))?.name).toMatch(/^Customer /);

    await says(ticket, ana, 'Hello, it is order 4417');

    expect(await customerOf(conversationId)).toMatchObject({ id: ana, name: 'Ana Pereira', email: 'ana@example.com' });
    expect(await customerEvents(conversationId)).toMatchObject([{ customer: { id: ana, name: 'Ana Pereira', email: 'ana@example.com' } }]);

    await says(ticket, bruno, 'I am her colleague');

    expect(await customerOf(conversationId)).toMatchObject({ id: ana, name: 'Ana Pereira', email: 'ana@example.com' });
    expect(await customerEvents(conversationId)).toHaveLength(1);
    expect((await hub.context.conversations.messages(conversationId)).map((message) => message.text)).toEqual(['Hello, it is order 4417', 'I am her colleague']);
  });

  it('keeps the customer a conversation already named', async () => {
    const ana = await createUser('Ana Pereira', 'ana@example.com');
    const bruno = await createUser('Bruno Costa', 'bruno@example.com');
    const { id: ticket, conversationId } = await hitlApi('createRemoteConversation', { payload: { title: 'Refund', userId: ana } });
    expect(await customerOf(conversationId)).toMatchObject({ id: ana, name: 'Ana Pereira' });

    await says(ticket, bruno, 'Any news?');

    expect(await customerOf(conversationId)).toMatchObject({ id: ana, name: 'Ana Pereira', email: 'ana@example.com' });
    expect(await customerEvents(conversationId)).toEqual([]);
  });

  it('leaves the customer unnamed when the writer is a user the hub was never told about', async () => {
    const { id: ticket, conversationId } = await hitlApi('createRemoteConversation', { payload: { title: 'Login loop' } });
    await says(ticket, 'bpu-never-created', 'still stuck');
    expect((await customerOf(conversationId))?.name).toMatch(/^Customer /);
    expect(await customerEvents(conversationId)).toEqual([]);
  });
});
