import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import type { Message } from '../../../src/shared/conversation';
import { pdfFile, pngImage } from '../../support/attachment-files';
import { assignedToAlex as assignedOn, bearer, tokenOf as tokenOfOn } from '../../support/assigned-conversation';
import { testHub } from '../../support/test-store';

let hub: Hub;
let baseUrl: string;
const photo = pngImage();

beforeEach(async () => {
  hub = await testHub({ attachments: { maxBytes: 2048 } });
  await seedDemo(hub);
  baseUrl = await hub.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(() => hub.app.close());

const tokenOf = (email: string) => tokenOfOn(hub, email);
const as = bearer;
const assignedToAlex = () => assignedOn(hub);

/** A multipart body as a browser or the desktop core sends it. */
async function multipart(data: Buffer, name: string): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const request = new Request('http://hub.invalid/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

async function upload(id: string, token: string, data: Buffer, name: string) {
  const body = await multipart(data, name);
  return hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/attachments`, headers: { ...as(token), ...body.headers }, payload: body.payload });
}

describe('an agent sends a file', () => {
  it('uploads it, typed by its bytes, then sends it with a message', async () => {
    const { id, token } = await assignedToAlex();
    const uploaded = await upload(id, token, photo, 'returns label.png');
    expect(uploaded.statusCode).toBe(201);
    const file = uploaded.json<{ id: string }>();
    expect(file).toMatchObject({ name: 'returns label.png', contentType: 'image/png', size: photo.length });
    const sent = await hub.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/messages`,
      headers: as(token),
      payload: { clientMessageId: 'c1', text: '', attachmentIds: [file.id] },
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json<Message>().attachments).toEqual([{ id: file.id, name: 'returns label.png', contentType: 'image/png', size: photo.length }]);
    const view = await hub.app.inject({ method: 'GET', url: `/v1/conversations/${id}`, headers: as(token) });
    expect(view.json<{ messages: Message[] }>().messages.at(-1)?.attachments?.[0]?.id).toBe(file.id);
  });

  it('refuses a file over the limit with a 413 that says the limit', async () => {
    const { id, token } = await assignedToAlex();
    const response = await upload(id, token, Buffer.alloc(4096, 1), 'scan.tiff');
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: { code: 'payload_too_large', message: 'Files up to 2 KB can be sent; this one is larger.' } });
  });

  it('refuses an upload to a conversation the agent does not own, and a message naming a file that is not theirs', async () => {
    const { id, token } = await assignedToAlex();
    const sam = await tokenOf('agent2@demo');
    expect((await upload(id, sam, photo, 'x.png')).statusCode).toBe(404);
    const message = await hub.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/messages`,
      headers: as(token),
      payload: { clientMessageId: 'c2', text: 'see attached', attachmentIds: ['a_someone-elses'] },
    });
    expect(message.statusCode).toBe(400);
    expect(message.json().error).toMatchObject({ code: 'invalid_request', message: 'No file a_someone-elses was uploaded by you to this conversation.' });
    expect((await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/messages`, headers: as(token), payload: { clientMessageId: 'c3', text: ' ' } })).statusCode).toBe(400);
  });
});

describe('the signed link a platform fetches an outgoing file by', () => {
  it('serves the right bytes and type once signed, and refuses a tampered or expired link', async () => {
    const { id, token } = await assignedToAlex();
    const file = (await upload(id, token, pdfFile(), 'refund form.pdf')).json<{ id: string; name: string; contentType: string; size: number }>();
    const [linked] = hub.context.attachments.links.callbackAttachments([file], new Date());
    expect(linked).toMatchObject({ id: file.id, name: 'refund form.pdf', contentType: 'application/pdf', size: pdfFile().length });
    expect(linked!.url.startsWith(`${baseUrl}/v1/attachment-links/${file.id}?`)).toBe(true);

    const fetched = await fetch(linked!.url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(pdfFile())).toBe(true);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    expect(fetched.headers.get('content-disposition')).toBe('attachment; filename="refund form.pdf"');
    expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');

    const tampered = new URL(linked!.url);
    tampered.searchParams.set('expires', String(Number(tampered.searchParams.get('expires')) + 3600));
    expect((await fetch(tampered)).status).toBe(403);
    const [stale] = hub.context.attachments.links.callbackAttachments([file], new Date(Date.now() - 3600_000));
    expect((await fetch(stale!.url)).status).toBe(403);
  });
});
