import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botpressAgentUserId, botpressConnector } from '../../../src/hub/channels/botpress';
import type { DeliveryContext } from '../../../src/hub/channels/connector';
import type { BotCallback } from '../../../src/shared/protocol';
import { hasProtocols, protocolJson } from './helpers';
import { startRecordingServer, type RecordingServer } from './recording-server';

const AT = '2026-11-20T10:40:00.000Z';
const TICKET = 'bpc-5b7c6a57-3f7e-4b8e-9a51-0d1c2e3f4a5b';

let botpress: RecordingServer;
beforeEach(async () => {
  botpress = await startRecordingServer();
});
afterEach(async () => {
  await botpress.close();
});

function context(settings: Record<string, unknown> = { webhookUrl: `${botpress.url}/hook-4f2a` }): DeliveryContext {
  return {
    integration: { id: 'int-bp', name: 'Acme Botpress', defaultQueue: 'support', signingSecret: null },
    settings,
    callbackUrl: null,
    conversation: { id: 'wl-2', envelopeId: `botpress:${TICKET}`, sourceConversationId: TICKET, sourceBot: null, extra: {} },
    now: new Date(AT),
  };
}

const base = { conversationId: 'wl-2', envelopeId: `botpress:${TICKET}`, at: AT };

describe('Botpress HITL connector', () => {
  it('tells Botpress an agent was assigned, then sends the agent’s messages as that agent, in the shapes hitl-api reads', async () => {
    await botpressConnector.deliver('o1', { ...base, type: 'accepted', agentName: 'Alex' }, context());
    await botpressConnector.deliver('o2', { ...base, type: 'message', messageId: 'm1', author: 'agent', authorName: 'Alex', text: 'Hello, I am Alex.' }, context());
    const agent = botpressAgentUserId('agent', 'Alex');
    expect(botpress.requests).toMatchObject([
      { method: 'POST', path: '/hook-4f2a/agent-assigned', body: { remoteConversationId: TICKET, remoteUserId: agent } },
      { method: 'POST', path: '/hook-4f2a/message-from-agent', body: { remoteConversationId: TICKET, remoteUserId: agent, messageType: 'text', payload: { text: 'Hello, I am Alex.' } } },
    ]);
    expect(agent).not.toMatch(/^bpu-/);
  });

  it('writes a barging supervisor’s message as another user than the agent', async () => {
    await botpressConnector.deliver('o3', { ...base, type: 'message', messageId: 'm2', author: 'supervisor', authorName: 'Alex', text: 'Supervisor here.' }, context());
    expect(botpress.requests[0]?.body).toMatchObject({ remoteUserId: botpressAgentUserId('supervisor', 'Alex') });
    expect(botpressAgentUserId('supervisor', 'Alex')).not.toBe(botpressAgentUserId('agent', 'Alex'));
  });

  it('stops HITL when the conversation is resolved or the handoff failed, so the bot takes the customer back', async () => {
    await botpressConnector.deliver('o4', { ...base, type: 'completed', disposition: 'solved' }, context());
    await botpressConnector.deliver('o5', { ...base, type: 'failed', reason: 'no agent' }, context());
    expect(botpress.requests).toMatchObject([
      { path: '/hook-4f2a/stop-hitl', body: { remoteConversationId: TICKET } },
      { path: '/hook-4f2a/stop-hitl', body: { remoteConversationId: TICKET } },
    ]);
  });

  it('sends nothing for a wait or a transfer', async () => {
    const silent: BotCallback[] = [
      { ...base, type: 'waiting', reason: 'no_agent' },
      { ...base, type: 'transferred', to: 'billing' },
    ];
    for (const item of silent) expect(await botpressConnector.deliver('o6', item, context())).toEqual({ ok: true });
    await botpressConnector.deliver('o7', { ...base, type: 'completed', disposition: 'solved' }, context());
    expect(botpress.requests.map((r) => r.path)).toEqual(['/hook-4f2a/stop-hitl']);
  });

  it('fails for good on a 4xx with Botpress’s reason and retries a 5xx', async () => {
    botpress.answer({ status: 400, body: { message: 'Route not found' } }, { status: 502 });
    const message: BotCallback = { ...base, type: 'message', messageId: 'm3', author: 'agent', authorName: 'Alex', text: 'hi' };
    expect(await botpressConnector.deliver('o8', message, context())).toEqual({ ok: false, error: 'Botpress refused: HTTP 400: Route not found', retry: false });
    expect(await botpressConnector.deliver('o8', message, context())).toMatchObject({ ok: false, retry: true });
  });

  it('refuses to send without a usable webhook URL', async () => {
    for (const webhookUrl of ['ftp://x', 'not a url', 'http://webhook.botpress.cloud/abc', 'https://u:p@webhook.botpress.cloud/abc']) {
      const outcome = await botpressConnector.deliver('o9', { ...base, type: 'completed', disposition: 'solved' }, context({ webhookUrl }));
      expect(outcome).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('webhookUrl') });
    }
    expect(botpress.requests).toEqual([]);
  });
  it('sends a lone image or file as Botpress’s own image or file message, and files beside text as links', async () => {
    const photo = { id: 'f1', name: 'box.jpg', contentType: 'image/jpeg', size: 9, url: 'https://hub.example/v1/attachment-links/f1' };
    const label = { id: 'f2', name: 'label.pdf', contentType: 'application/pdf', size: 9, url: 'https://hub.example/v1/attachment-links/f2' };
    const message = (text: string, attachments: (typeof photo)[]): BotCallback => ({ ...base, type: 'message', messageId: 'm4', author: 'agent', authorName: 'Alex', text, attachments });
    await botpressConnector.deliver('o10', message('', [photo]), context());
    await botpressConnector.deliver('o11', message('', [label]), context());
    await botpressConnector.deliver('o12', message('Your label', [label]), context());
    expect(botpress.requests.map((r) => r.body)).toMatchObject([
      { messageType: 'image', payload: { imageUrl: photo.url } },
      { messageType: 'file', payload: { fileUrl: label.url, title: 'label.pdf' } },
      { messageType: 'text', payload: { text: `Your label\nlabel.pdf: ${label.url}` } },
    ]);
  });
  it.skipIf(!hasProtocols)('sends bodies that match hitl-api’s own OpenAPI of its webhook, key for key (skipped without ../shared/data)', async () => {
    interface Schema {
      properties: Record<string, { type: string }>;
      required: string[];
    }
    const api = protocolJson('botpress_hitl_api__openapi_botpress_webhook.json') as {
      paths: Record<string, { post: { requestBody: { content: { 'application/json': { schema: { $ref: string } } } } } }>;
      components: { schemas: Record<string, Schema> };
    };
    await botpressConnector.deliver('o20', { ...base, type: 'accepted', agentName: 'Alex' }, context());
    await botpressConnector.deliver('o21', { ...base, type: 'message', messageId: 'm9', author: 'agent', authorName: 'Alex', text: 'hi' }, context());
    await botpressConnector.deliver('o22', { ...base, type: 'completed', disposition: 'solved' }, context());
    expect(botpress.requests).toHaveLength(3);
    for (const request of botpress.requests) {
      const path = request.path.replace('/hook-4f2a', '');
      const ref = api.paths[path]?.post.requestBody.content['application/json'].schema.$ref ?? '';
      const schema = api.components.schemas[ref.split('/').pop() ?? ''];
      expect(schema, path).toBeDefined();
      const body = request.body as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(Object.keys(schema!.properties).sort());
      for (const key of schema!.required) expect(typeof body[key] === 'object' ? 'object' : typeof body[key], `${path} ${key}`).toBe(schema!.properties[key]!.type);
    }
  });
});
