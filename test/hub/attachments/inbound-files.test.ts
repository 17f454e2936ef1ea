import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { createIntegrationChannelRepository } from '../../../src/hub/store/integration-channels';
import { fileHost, pngImage, svgWithScript } from '../../support/attachment-files';
import { assignedToAlex } from '../../support/assigned-conversation';
import { integrationAuth } from '../../support/hub';
import { testHub } from '../../support/test-store';

let hub: Hub;
let host: Awaited<ReturnType<typeof fileHost>>;
const photo = pngImage();

beforeEach(async () => {
  host = await fileHost({ '/receipt.png': { body: photo, type: 'image/png' }, '/badge.svg': { body: svgWithScript(), type: 'image/svg+xml' } });
  hub = await testHub({ attachments: { trustedHosts: ['127.0.0.1'] } });
  await seedDemo(hub);
});
afterEach(async () => {
  await hub.app.close();
  await host.close();
});

const assignedConversation = async (): Promise<string> => (await assignedToAlex(hub)).id;

const sendCustomerMessage = (id: string, body: Record<string, unknown>) =>
  hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/customer-messages`, headers: integrationAuth, payload: body });

describe("a customer's files after the handoff (generic connector)", () => {
  it('are fetched, typed by their bytes and kept with the message, once however often the platform retries', async () => {
    const id = await assignedConversation();
    const body = {
      messageId: 'wa-771',
      text: '',
      attachments: [
        { url: host.url('/receipt.png'), name: 'receipt.png', contentType: 'image/png' },
        { url: host.url('/badge.svg'), name: 'badge.svg', contentType: 'image/png' },
      ],
    };
    expect((await sendCustomerMessage(id, body)).statusCode).toBeLessThan(300);
    expect((await sendCustomerMessage(id, body)).statusCode).toBeLessThan(300);
    const messages = (await hub.context.conversations.messages(id)).filter((message) => message.author === 'customer');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.attachments?.map(({ name, contentType, size }) => ({ name, contentType, size }))).toEqual([
      { name: 'receipt.png', contentType: 'image/png', size: photo.length },
      { name: 'badge.svg', contentType: 'application/octet-stream', size: svgWithScript().length },
    ]);
    expect(host.hits.get('/receipt.png')).toBe(1);
  });

  it('refuses a link that is not http or https with a 400 naming it', async () => {
    const id = await assignedConversation();
    const response = await sendCustomerMessage(id, { messageId: 'x', text: 'see file', attachments: [{ url: 'file:///etc/passwd' }] });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain('attachments[0].url');
  });
});

describe('files from the integration\'s own configured host', () => {
  it('are fetched from a private address only for the integration whose channel names that host', async () => {
    await hub.app.close();
    hub = await testHub();
    await seedDemo(hub);
    const id = await assignedConversation();
    const body = { messageId: 'cw-1', text: 'receipt', attachments: [{ url: host.url('/receipt.png'), name: 'receipt.png' }] };
    await sendCustomerMessage(id, body);
    expect((await hub.context.conversations.messages(id)).find((m) => m.author === 'customer')?.attachments).toEqual([{ name: 'receipt.png', problem: 'refused' }]);

    await createIntegrationChannelRepository(hub.db).setIntegrationChannel('demo', 'chatwoot', { baseUrl: new URL(host.url('/')).origin, accountId: 1 });
    await sendCustomerMessage(id, { ...body, messageId: 'cw-2' });
    const kept = (await hub.context.conversations.messages(id)).filter((m) => m.author === 'customer').at(-1)?.attachments;
    expect(kept?.[0]).toMatchObject({ name: 'receipt.png', contentType: 'image/png', size: photo.length });
  });
});
