import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatwootConnector } from '../../../src/hub/channels/chatwoot';
import type { DeliveryContext } from '../../../src/hub/channels/connector';
import type { BotCallback } from '../../../src/shared/protocol';
import { startRecordingServer, type RecordingServer } from './recording-server';

const AT = '2026-11-20T10:40:00.000Z';

let chatwoot: RecordingServer;
beforeEach(async () => {
  chatwoot = await startRecordingServer();
});
afterEach(async () => {
  await chatwoot.close();
});

function context(settings: Record<string, unknown> = {}): DeliveryContext {
  return {
    integration: { id: 'int-cw', name: 'Acme Chatwoot', defaultQueue: 'support', signingSecret: null },
    settings: { baseUrl: chatwoot.url, accountId: 4, apiAccessToken: 'cw-token-123', ...settings },
    callbackUrl: null,
    conversation: { id: 'wl-1', envelopeId: 'chatwoot:4:88', sourceConversationId: '88', sourceBot: null, extra: {} },
    now: new Date(AT),
  };
}

const reply: BotCallback = {
  type: 'message',
  conversationId: 'wl-1',
  envelopeId: 'chatwoot:4:88',
  messageId: 'm-1',
  author: 'agent',
  authorName: 'Alex',
  text: 'I have found your parcel <b>today</b>.',
  at: AT,
};
const resolved: BotCallback = { type: 'completed', conversationId: 'wl-1', envelopeId: 'chatwoot:4:88', disposition: 'solved', at: AT };

describe('Chatwoot connector', () => {
  it('posts the agent’s reply as an outgoing message of the conversation with the API access token', async () => {
    chatwoot.answer({ status: 200, body: { id: 9001, content: reply.text, message_type: 1 } });
    expect(await chatwootConnector.deliver('out-1', reply, context())).toEqual({ ok: true, platformMessageId: '9001' });
    expect(chatwoot.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/v1/accounts/4/conversations/88/messages',
        headers: expect.objectContaining({ api_access_token: 'cw-token-123', 'content-type': 'application/json' }),
        body: { content: 'I have found your parcel <b>today</b>.', message_type: 'outgoing', private: false },
      }),
    ]);
  });

  it('sets the Chatwoot conversation’s status to resolved when the agent resolves', async () => {
    expect(await chatwootConnector.deliver('out-2', resolved, context({ baseUrl: `${chatwoot.url}/` }))).toEqual({ ok: true });
    expect(chatwoot.requests).toMatchObject([{ path: '/api/v1/accounts/4/conversations/88/toggle_status', body: { status: 'resolved' } }]);
  });

  it('sends nothing for an acceptance, a wait or a transfer: the conversation is already open in Chatwoot', async () => {
    const silent: BotCallback[] = [
      { type: 'accepted', conversationId: 'wl-1', envelopeId: 'e', agentName: 'Alex', at: AT },
      { type: 'waiting', conversationId: 'wl-1', envelopeId: 'e', reason: 'no_agent', at: AT },
      { type: 'transferred', conversationId: 'wl-1', envelopeId: 'e', to: 'billing', at: AT },
    ];
    for (const item of silent) expect(await chatwootConnector.deliver('out-3', item, context())).toEqual({ ok: true });
    // The resolve after them is the sentinel: it arrives, and nothing before it did.
    expect(await chatwootConnector.deliver('out-4', resolved, context())).toEqual({ ok: true });
    expect(chatwoot.requests.map((r) => r.path)).toEqual(['/api/v1/accounts/4/conversations/88/toggle_status']);
  });

  it.each([
    [401, { error: 'Invalid Access Token' }, 'Chatwoot refused: HTTP 401: Invalid Access Token'],
    [404, { error: 'Resource could not be found' }, 'Chatwoot refused: HTTP 404: Resource could not be found'],
    [422, { error: 'Conversation is not in a state to receive messages' }, 'Chatwoot refused: HTTP 422: Conversation is not in a state to receive messages'],
  ])('fails for good with Chatwoot’s reason on a %i', async (status, body, error) => {
    chatwoot.answer({ status, body });
    expect(await chatwootConnector.deliver('out-5', reply, context())).toEqual({ ok: false, error, retry: false });
  });

  it('retries a 5xx and a 429', async () => {
    chatwoot.answer({ status: 503, body: { error: 'maintenance' } }, { status: 429 });
    expect(await chatwootConnector.deliver('out-6', reply, context())).toMatchObject({ ok: false, retry: true });
    expect(await chatwootConnector.deliver('out-6', reply, context())).toMatchObject({ ok: false, retry: true });
  });

  it('retries when Chatwoot cannot be reached', async () => {
    const gone = chatwoot.url;
    await chatwoot.close();
    expect(await chatwootConnector.deliver('out-7', reply, context({ baseUrl: gone }))).toMatchObject({ ok: false, retry: true });
    chatwoot = await startRecordingServer();
  });

  it('refuses to send with incomplete or unsafe settings, saying which', async () => {
    const missing = await chatwootConnector.deliver('out-8', reply, context({ apiAccessToken: undefined }));
    expect(missing).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('apiAccessToken') });
    const plain = await chatwootConnector.deliver('out-9', reply, context({ baseUrl: 'http://chat.example.com' }));
    expect(plain).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('https') });
    for (const baseUrl of ['not a url', '', 'javascript:alert(1)', 'https://user:password@chat.example.com', 'http://']) {
      expect(await chatwootConnector.deliver('out-9', reply, context({ baseUrl }))).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('baseUrl') });
    }
    expect(chatwoot.requests).toEqual([]);
  });

  it('uploads the agent’s files to Chatwoot as attachments of the same message, read from the hub’s link', async () => {
    const hubFiles = await startRecordingServer();
    try {
      hubFiles.answer({ status: 200, file: { contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.7 return label') } });
      const withFile = { ...reply, text: 'Label attached', attachments: [{ id: 'f1', name: 'label.pdf', contentType: 'application/pdf', size: 21, url: `${hubFiles.url}/v1/attachment-links/f1?sig=abc` }] } as BotCallback;
      expect(await chatwootConnector.deliver('out-10', withFile, context())).toEqual({ ok: true });
      expect(hubFiles.requests).toMatchObject([{ method: 'GET', path: '/v1/attachment-links/f1?sig=abc' }]);
      const [upload] = chatwoot.requests;
      expect(upload).toMatchObject({ path: '/api/v1/accounts/4/conversations/88/messages', headers: { api_access_token: 'cw-token-123', 'content-type': expect.stringMatching(/^multipart\/form-data; boundary=/) } });
      const body = String(upload?.body);
      expect(body).toMatch(/name="content"\r\n\r\nLabel attached\r\n/);
      expect(body).toMatch(/name="message_type"\r\n\r\noutgoing\r\n/);
      expect(body).toMatch(/name="attachments\[\]"; filename="label.pdf"\r\nContent-Type: application\/pdf\r\n\r\n%PDF-1.7 return label/);
    } finally {
      await hubFiles.close();
    }
  });

  it('retries when the hub cannot hand over the file yet, and sends nothing to Chatwoot meanwhile', async () => {
    const hubFiles = await startRecordingServer();
    try {
      hubFiles.answer({ status: 503 });
      const withFile = { ...reply, attachments: [{ id: 'f2', name: 'a.png', contentType: 'image/png', size: 3, url: `${hubFiles.url}/f2` }] } as BotCallback;
      expect(await chatwootConnector.deliver('out-11', withFile, context())).toMatchObject({ ok: false, retry: true });
      expect(chatwoot.requests).toEqual([]);
    } finally {
      await hubFiles.close();
    }
  });
});
