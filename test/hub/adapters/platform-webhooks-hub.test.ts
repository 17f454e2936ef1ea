import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signChatwoot } from '../../../src/hub/adapters/chatwoot-signature';
import type { Hub } from '../../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { createIntegrationChannelRepository } from '../../../src/hub/store/integration-channels';
import { demoHub } from '../../support/hub';
import { fixture } from './helpers';

const SECRET = 'cw-secret';

let hub: Hub;
beforeEach(async () => {
  hub = await demoHub();
});
afterEach(() => hub.app.close());

function chatwoot(event: unknown, delivery: string) {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return hub.app.inject({
    method: 'POST',
    url: `/v1/integrations/chatwoot/${DEMO_INTEGRATION_TOKEN}`,
    headers: { 'content-type': 'application/json', 'x-chatwoot-delivery': delivery, 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': signChatwoot(SECRET, timestamp, body) },
    payload: body,
  });
}

const botpress = (operation: string, body: Record<string, unknown>) =>
  hub.app.inject({ method: 'POST', url: `/v1/integrations/botpress/${DEMO_INTEGRATION_TOKEN}/${operation}`, payload: { type: operation, ...body } });

const customerTexts = async (conversationId: string) =>
  (await hub.context.conversations.messages(conversationId)).filter((m) => m.author === 'customer').map((m) => m.text);
const conversationCount = async () => (await hub.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM conversations'))!.n;

describe('Chatwoot webhooks through the real hub', () => {
  beforeEach(async () => {
    await createIntegrationChannelRepository(hub.db).setIntegrationChannel('demo', 'chatwoot', { baseUrl: 'https://chat.example', accountId: '4', apiAccessToken: 't', webhookSecret: SECRET });
  });

  it('stores the customer’s message once however often Chatwoot delivers it', async () => {
    const handoff = await chatwoot(fixture('chatwoot-status-open.json'), 'd-1');
    expect(handoff.statusCode).toBe(201);
    const { conversationId } = handoff.json() as { conversationId: string };
    const message = fixture('chatwoot-message-after-handoff.json');
    expect((await chatwoot(message, 'd-2')).statusCode).toBe(201);
    // A retry of the same job (same delivery id, new timestamp) and a new delivery of the same message.
    expect((await chatwoot(message, 'd-2')).json()).toMatchObject({ status: 'duplicate' });
    expect((await chatwoot(message, 'd-3')).json()).toMatchObject({ status: 'duplicate' });
    expect(await customerTexts(conversationId)).toEqual(['Here is the photo of the box']);
  });

  it('answers a message of a conversation that never handed off as ignored and creates nothing', async () => {
    const before = await conversationCount();
    const response = await chatwoot({ ...fixture<Record<string, unknown>>('chatwoot-message-after-handoff.json'), conversation: { id: 4040, status: 'open' } }, 'd-4');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ignored' });
    expect(await conversationCount()).toBe(before);
  });
});

describe('Botpress HITL calls through the real hub', () => {
  it('makes two tickets with the same title two conversations, each with its own customer messages', async () => {
    const first = await botpress('createRemoteConversation', { payload: { title: 'Kettle arrived broken' } });
    const second = await botpress('createRemoteConversation', { payload: { title: 'Kettle arrived broken' } });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const [a, b] = [first.json(), second.json()] as { id: string; conversationId: string }[];
    expect(a!.conversationId).not.toBe(b!.conversationId);
    await botpress('botSendsMessage', { remoteConversationId: a!.id, remoteUserId: 'bpu-1', payload: { text: 'first customer' } });
    await botpress('botSendsMessage', { remoteConversationId: b!.id, remoteUserId: 'bpu-2', payload: { text: 'second customer' } });
    expect(await customerTexts(a!.conversationId)).toEqual(['first customer']);
    expect(await customerTexts(b!.conversationId)).toEqual(['second customer']);
  });

  it('answers a message or a close for a ticket it does not know with 200 ignored', async () => {
    const message = await botpress('botSendsMessage', { remoteConversationId: 'bpc-unknown', remoteUserId: 'bpu-1', payload: { text: 'hello?' } });
    expect(message.statusCode).toBe(200);
    expect(message.json()).toMatchObject({ status: 'ignored' });
    const close = await botpress('closeRemoteTicket', { payload: { botpressConversationId: 'conv_01JBPX' } });
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ status: 'ignored' });
  });
});
