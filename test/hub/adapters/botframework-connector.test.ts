import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botframeworkConnector } from '../../../src/hub/channels/botframework';
import type { DeliveryContext } from '../../../src/hub/channels/connector';
import type { BotCallback } from '../../../src/shared/protocol';

const SECRET = `whsec_${Buffer.from('botframework-connector-test-key!').toString('base64')}`;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const statuses: number[] = [];
let url = '';
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
    const status = statuses.shift() ?? 200;
    response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '{"error":"this bot has no escalated conversation with that id"}');
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/warmline`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));


const context = (callbackUrl: string | null = url): DeliveryContext => ({
  integration: { id: 'int-bf', name: 'Returns bot', defaultQueue: 'support', signingSecret: SECRET },
  settings: {},
  callbackUrl,
  conversation: { id: 'wl-1', envelopeId: 'botframework:conv-77:act-1', sourceConversationId: 'conv-77', sourceBot: 'Returns Bot', extra: {} },
  now: new Date(),
});
const base = { conversationId: 'wl-1', envelopeId: 'botframework:conv-77:act-1', at: '2026-11-20T10:29:59.000Z' };

/** The activity as the bot receives it, after the bot's own Standard Webhooks check. */
function verified(index: number): Record<string, unknown> {
  const { headers, body } = received[index]!;
  return new Webhook(SECRET).verify(body, {
    'webhook-id': String(headers['webhook-id']),
    'webhook-timestamp': String(headers['webhook-timestamp']),
    'webhook-signature': String(headers['webhook-signature']),
  }) as Record<string, unknown>;
}

describe('Bot Framework connector', () => {
  it('sends an agent’s reply as a signed message activity of the user’s conversation', async () => {
    const item: BotCallback = {
      ...base,
      type: 'message',
      messageId: 'msg-9',
      author: 'agent',
      authorName: 'Alex Agent',
      text: 'Hi Amélie, I can refund that.',
      attachments: [{ id: 'f1', name: 'label.pdf', contentType: 'application/pdf', size: 1200, url: 'https://hub.example/files/f1' }],
    };
    expect(await botframeworkConnector.deliver('cb-1', item, context())).toEqual({ ok: true });
    expect(received.at(-1)?.headers['webhook-id']).toBe('cb-1');
    expect(verified(received.length - 1)).toEqual({
      type: 'message',
      id: 'msg-9',
      timestamp: base.at,
      conversation: { id: 'conv-77' },
      text: 'Hi Amélie, I can refund that.',
      textFormat: 'plain',
      from: { id: 'warmline-agent', name: 'Alex Agent' },
      attachments: [{ contentType: 'application/pdf', contentUrl: 'https://hub.example/files/f1', name: 'label.pdf' }],
      entities: [],
      channelData: { warmline: { conversationId: 'wl-1', envelopeId: base.envelopeId, author: 'agent' } },
    });
  });

  it.each<[BotCallback, Record<string, unknown>]>([
    [{ ...base, type: 'accepted', agentName: 'Alex Agent' }, { state: 'accepted' }],
    [{ ...base, type: 'failed', reason: 'No agent with the skill fraud' }, { state: 'failed', message: 'No agent with the skill fraud' }],
    [{ ...base, type: 'completed', disposition: 'solved' }, { state: 'completed' }],
    [{ ...base, type: 'waiting', reason: 'everyone is busy' }, { state: 'waiting', message: 'everyone is busy' }],
    [{ ...base, type: 'transferred', to: 'billing' }, { state: 'transferred' }],
  ])('sends %o as the handoff.status event createHandoffStatus builds', async (item, value) => {
    expect(await botframeworkConnector.deliver('cb-2', item, context())).toEqual({ ok: true });
    expect(verified(received.length - 1)).toMatchObject({ type: 'event', name: 'handoff.status', value, conversation: { id: 'conv-77' }, attachments: [], entities: [] });
  });

  it('shows the bot’s refusal as a permanent failure with its reason, and a down bot as one to retry', async () => {
    statuses.push(404);
    const item: BotCallback = { ...base, type: 'accepted', agentName: 'Alex' };
    expect(await botframeworkConnector.deliver('cb-3', item, context())).toEqual({
      ok: false,
      error: 'HTTP 404: this bot has no escalated conversation with that id',
      retry: false,
    });
    statuses.push(503);
    expect(await botframeworkConnector.deliver('cb-3', item, context())).toMatchObject({ ok: false, retry: true });
    expect(await botframeworkConnector.deliver('cb-3', item, context('http://127.0.0.1:1/api/warmline'))).toMatchObject({ ok: false, retry: true });
  });

  it('refuses for good without a callback URL', async () => {
    expect(await botframeworkConnector.deliver('cb-4', { ...base, type: 'accepted', agentName: 'A' }, context(null))).toMatchObject({ ok: false, retry: false });
  });
});
