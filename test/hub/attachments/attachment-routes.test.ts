import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import type { Attachment } from '../../../src/shared/envelope';
import { fileHost, htmlWithScript, pdfFile, pngImage, svgWithScript } from '../../support/attachment-files';
import { envelope, integrationAuth } from '../../support/hub';
import { testHub } from '../../support/test-store';

let hub: Hub;
let host: Awaited<ReturnType<typeof fileHost>>;
const photo = pngImage();

beforeEach(async () => {
  host = await fileHost({
    '/parcel.jpg': { body: photo, type: 'image/jpeg' },
    '/label.pdf': { body: pdfFile(), type: 'application/pdf' },
    '/logo.png': { body: svgWithScript(), type: 'image/png' },
    '/page.html': { body: htmlWithScript(), type: 'text/html' },
    '/huge.bin': { body: Buffer.alloc(4096, 1) },
  });
  hub = await testHub({ attachments: { trustedHosts: ['127.0.0.1'], maxBytes: 2048 } });
  await seedDemo(hub);
});
afterEach(async () => {
  await hub.app.close();
  await host.close();
});

const tokenOf = async (email: string) =>
  (await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } })).json<{ token: string }>().token;
const as = (token: string) => ({ authorization: `Bearer ${token}` });

async function handOff(files: { url: string; name?: string }[]): Promise<{ id: string; attachments: Attachment[] }> {
  await hub.context.presence.connected('u_agent');
  const body = envelope({
    routing: { queue: 'support', skills: ['returns'] },
    transcript: [{ id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'It arrived like this', attachments: files }],
  });
  const posted = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: body });
  expect(posted.statusCode).toBe(201);
  const id = posted.json<{ conversationId: string }>().conversationId;
  return { id, attachments: (await hub.context.conversations.get(id))!.envelope.transcript[0]!.attachments! };
}

describe('files a bot links in a handoff', () => {
  it('are fetched and typed by their bytes: the photo stays an image, the SVG and HTML become downloads', async () => {
    const { attachments } = await handOff([
      { url: host.url('/parcel.jpg'), name: 'parcel.jpg' },
      { url: host.url('/label.pdf') },
      { url: host.url('/logo.png'), name: 'logo.png' },
      { url: host.url('/page.html'), name: 'page.html' },
    ]);
    expect(attachments.map(({ name, contentType, problem }) => ({ name, contentType, problem }))).toEqual([
      { name: 'parcel.jpg', contentType: 'image/png', problem: undefined },
      { name: 'label.pdf', contentType: 'application/pdf', problem: undefined },
      { name: 'logo.png', contentType: 'application/octet-stream', problem: undefined },
      { name: 'page.html', contentType: 'application/octet-stream', problem: undefined },
    ]);
    expect(attachments.every((attachment) => attachment.id?.startsWith('a_') && attachment.url === undefined)).toBe(true);
  });

  it('keeps a file over the size limit out and says so, without reading it', async () => {
    const { attachments } = await handOff([{ url: host.url('/huge.bin'), name: 'scan.tiff' }]);
    expect(attachments).toEqual([{ name: 'scan.tiff', problem: 'too_large' }]);
    expect(await hub.db.get('SELECT count(*) AS n FROM attachments')).toEqual({ n: 0 });
  });

  it('fetches nothing again when the same handoff is retried', async () => {
    const files = [{ url: host.url('/parcel.jpg') }];
    const body = envelope({ transcript: [{ id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'photo', attachments: files }] });
    await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: body });
    const again = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: body });
    expect(again.statusCode).toBe(200);
    expect(host.hits.get('/parcel.jpg')).toBe(1);
    expect(await hub.db.get('SELECT count(*) AS n FROM attachments')).toEqual({ n: 1 });
  });
});

describe('GET /v1/attachments/:id', () => {
  it('serves an image inline with its type, nosniff and a sandboxing CSP', async () => {
    const { attachments } = await handOff([{ url: host.url('/parcel.jpg'), name: 'parcel.jpg' }]);
    const response = await hub.app.inject({ method: 'GET', url: `/v1/attachments/${attachments[0]!.id}`, headers: as(await tokenOf('agent@demo')) });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(photo)).toBe(true);
    expect(response.headers).toMatchObject({
      'content-type': 'image/png',
      'content-disposition': 'inline; filename=parcel.jpg',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
      'cache-control': 'private, no-store',
    });
  });

  it('serves SVG and HTML only as attachments of type application/octet-stream', async () => {
    const { attachments } = await handOff([
      { url: host.url('/logo.png'), name: 'logo.svg' },
      { url: host.url('/page.html'), name: 'page.html' },
    ]);
    const token = await tokenOf('agent@demo');
    for (const attachment of attachments) {
      const response = await hub.app.inject({ method: 'GET', url: `/v1/attachments/${attachment.id}`, headers: as(token) });
      expect(response.headers['content-type']).toBe('application/octet-stream');
      expect(response.headers['content-disposition']).toBe(`attachment; filename=${attachment.name}`);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain('sandbox');
    }
  });

  it('answers 404 to anyone the conversation is not for, and 401 without a session', async () => {
    const { attachments } = await handOff([{ url: host.url('/parcel.jpg') }]);
    const url = `/v1/attachments/${attachments[0]!.id}`;
    expect((await hub.app.inject({ method: 'GET', url, headers: as(await tokenOf('agent2@demo')) })).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: '/v1/attachments/a_nope', headers: as(await tokenOf('agent@demo')) })).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
