import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { fileHost, pngImage } from '../../support/attachment-files';
import { bearer, tokenOf } from '../../support/assigned-conversation';
import { envelope, integrationAuth } from '../../support/hub';
import { testHub } from '../../support/test-store';

let hub: Hub;
let host: Awaited<ReturnType<typeof fileHost>>;
const photo = pngImage(64, 40, [30, 90, 200]);

beforeEach(async () => {
  host = await fileHost({ '/parcel.png': { body: photo, type: 'image/png' } });
  hub = await testHub({ attachments: { trustedHosts: ['127.0.0.1'] } });
  await seedDemo(hub);
});
afterEach(async () => {
  await hub.app.close();
  await host.close();
});

const say = (id: string, body: Record<string, unknown>) =>
  hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/customer-messages`, headers: integrationAuth, payload: body });

/** A handoff the customer walked away from: closed, so their next message opens a new one. */
async function closedConversation(): Promise<string> {
  const posted = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope({ id: 'bot:c-77:1', source: { platform: 'generic', bot: 'returns-bot', conversationId: 'c-77' } }) });
  const id = posted.json<{ conversationId: string }>().conversationId;
  const left = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/customer-left`, headers: integrationAuth, payload: {} });
  expect(left.json()).toMatchObject({ state: 'abandoned' });
  return id;
}

const storedFiles = () => hub.db.all<{ id: string; conversation_id: string | null }>('SELECT id, conversation_id FROM attachments');

describe('a customer writing again with a file after the conversation closed', () => {
  it('opens the new handoff with the file on its first turn, and an agent of it can open the file', async () => {
    const closed = await closedConversation();
    const body = { messageId: 'wa-901', text: 'Here is the parcel again', attachments: [{ url: host.url('/parcel.png'), name: 'parcel.png' }] };

    const again = await say(closed, body);
    expect(again.statusCode).toBe(201);
    const { conversationId } = again.json<{ status: string; conversationId: string }>();
    expect(again.json()).toMatchObject({ status: 'reopened', previousConversationId: closed });

    const [turn] = (await hub.context.conversations.get(conversationId))!.envelope.transcript;
    expect(turn).toMatchObject({ author: 'customer', text: 'Here is the parcel again', attachments: [{ name: 'parcel.png', contentType: 'image/png', size: photo.length }] });
    const fileId = turn!.attachments![0]!.id!;
    expect(await storedFiles()).toEqual([{ id: fileId, conversation_id: conversationId }]);

    // The agent who takes the new handoff downloads the customer's bytes.
    // As the agent's stream does when it opens: connected, then what waits is offered to them.
    await hub.context.presence.connected('u_agent');
    await hub.context.service.agentAvailable((await hub.context.accounts.userById('u_agent'))!);
    const alex = await tokenOf(hub, 'agent@demo');
    expect((await hub.app.inject({ method: 'POST', url: `/v1/conversations/${conversationId}/accept`, headers: bearer(alex) })).statusCode).toBe(200);
    const file = await hub.app.inject({ method: 'GET', url: `/v1/attachments/${fileId}`, headers: bearer(alex) });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(photo)).toBe(true);
  });

  it('keeps the file once when the platform retries the message that reopened the conversation', async () => {
    const closed = await closedConversation();
    const body = { messageId: 'wa-902', text: '', attachments: [{ url: host.url('/parcel.png'), name: 'parcel.png' }] };
    const first = await say(closed, body);
    const retried = await say(closed, body);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'reopened', conversationId: first.json().conversationId });
    expect(host.hits.get('/parcel.png')).toBe(1);
    expect(await storedFiles()).toHaveLength(1);
  });
});
