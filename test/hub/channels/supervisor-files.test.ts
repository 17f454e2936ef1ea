import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { createCallbackRepository } from '../../../src/hub/store/callbacks';
import { createIntegrationChannelRepository } from '../../../src/hub/store/integration-channels';
import type { BotCallback } from '../../../src/shared/protocol';
import { startRecordingServer, type RecordingServer } from '../adapters/recording-server';
import { pdfFile } from '../../support/attachment-files';
import { assignedToAlex, bearer, tokenOf } from '../../support/assigned-conversation';
import { testHub } from '../../support/test-store';

let hub: Hub;
let bot: RecordingServer;
const form = pdfFile();

beforeEach(async () => {
  bot = await startRecordingServer();
  hub = await testHub();
  await seedDemo(hub);
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  await createIntegrationChannelRepository(hub.db).setIntegrationChannel('demo', 'generic');
  await createCallbackRepository(hub.db).setCallbackUrl('demo', `${bot.url}/warmline`);
});
afterEach(async () => {
  await hub.app.close();
  await bot.close();
});

async function upload(id: string, token: string) {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(form)]), 'returns-form.pdf');
  const request = new Request('http://hub.invalid/', { method: 'POST', body });
  return hub.app.inject({
    method: 'POST',
    url: `/v1/conversations/${id}/attachments`,
    headers: { ...bearer(token), 'content-type': request.headers.get('content-type')! },
    payload: Buffer.from(await request.arrayBuffer()),
  });
}

const messagesSent = () =>
  bot.requests.map((r) => r.body as BotCallback).filter((item): item is Extract<BotCallback, { type: 'message' }> => item?.type === 'message');

describe('a barging supervisor’s files', () => {
  it('reach the customer’s channel as signed links, the same way an agent’s do', async () => {
    const { id } = await assignedToAlex(hub);
    const supervisor = await tokenOf(hub, 'supervisor@demo');
    expect((await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/barge`, headers: bearer(supervisor), payload: {} })).statusCode).toBe(200);

    const uploaded = await upload(id, supervisor);
    expect(uploaded.statusCode).toBe(201);
    const file = uploaded.json<{ id: string }>();
    const sent = await hub.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/messages`,
      headers: bearer(supervisor),
      payload: { clientMessageId: 's1', text: 'Here is the returns form.', attachmentIds: [file.id] },
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ author: 'supervisor', authorName: 'Priya Supervisor', attachments: [{ id: file.id, name: 'returns-form.pdf' }] });

    await expect.poll(() => messagesSent().length, { timeout: 10_000 }).toBe(1);
    const [message] = messagesSent();
    expect(message).toMatchObject({ author: 'supervisor', authorName: 'Priya Supervisor', text: 'Here is the returns form.' });
    expect(message!.attachments).toMatchObject([{ id: file.id, name: 'returns-form.pdf', contentType: 'application/pdf', size: form.length }]);
    const fetched = await fetch(message!.attachments![0]!.url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(form)).toBe(true);
  });

  it('cannot be sent before the supervisor joined the chat, nor with a file someone else uploaded', async () => {
    const { id, token: alex } = await assignedToAlex(hub);
    const supervisor = await tokenOf(hub, 'supervisor@demo');
    const early = await upload(id, supervisor);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'not_yours' } });

    await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/barge`, headers: bearer(supervisor), payload: {} });
    const alexFile = (await upload(id, alex)).json<{ id: string }>();
    const borrowed = await hub.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/messages`,
      headers: bearer(supervisor),
      payload: { clientMessageId: 's2', text: 'Form attached.', attachmentIds: [alexFile.id] },
    });
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.json()).toMatchObject({ error: { code: 'invalid_request' } });
    // Sentinel: a message sent after the refused one is the first to reach the channel.
    await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/messages`, headers: bearer(supervisor), payload: { clientMessageId: 's3', text: 'Sentinel.' } });
    await expect.poll(() => messagesSent().map((m) => m.text), { timeout: 10_000 }).toEqual(['Sentinel.']);
  });
});
