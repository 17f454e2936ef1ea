import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReferenceBot, type RunningReferenceBot } from '../../../examples/botframework-reference-bot/src/server';
import { createChannelTyping } from '../../../src/hub/channels/channel-typing';
import { chatwootConnector } from '../../../src/hub/channels/chatwoot';
import type { ChannelPlatform } from '../../../src/hub/channels/connector';
import { genericConnector } from '../../../src/hub/channels/generic-connector';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import type { RunningHub } from '../../../src/hub/server';
import { startRecordingServer, type RecordingServer } from '../adapters/recording-server';
import { startBotConnectorChannel } from '../../support/bot-connector-channel';
import { connectDemoIntegration, signIn } from '../../support/channel-setup';
import { listeningHub, openStream } from '../../support/hub';

const integration = { id: 'int-cw', name: 'Acme Chatwoot', defaultQueue: 'support', signingSecret: null };
const conversation = { id: 'wl-7', envelopeId: 'chatwoot:4:77', sourceConversationId: '77', sourceBot: null, extra: {} };

describe('the agent typing, in Chatwoot', () => {
  let chatwoot: RecordingServer;
  beforeEach(async () => {
    chatwoot = await startRecordingServer();
  });
  afterEach(() => chatwoot.close());

  const typingFor = (platform: ChannelPlatform, offAfterMs: number) =>
    createChannelTyping({
      channels: { integrationChannel: async () => ({ platform, settings: { baseUrl: chatwoot.url, accountId: '4', apiAccessToken: 'agent-token-1' }, callbackUrl: `${chatwoot.url}/generic` }) },
      integrationById: async () => integration,
      conversationOf: async () => conversation,
      now: () => new Date('2026-11-20T10:40:00.000Z'),
      connectorFor: (p) => (p === 'chatwoot' ? chatwootConnector : genericConnector('generic')),
      offAfterMs,
    });

  it('turns Chatwoot’s typing status on once per burst of typing, and off when the signals stop', async () => {
    const typing = typingFor('chatwoot', 300);
    for (let signal = 0; signal < 3; signal += 1) typing.agentTyping('wl-7', 'int-cw');
    await expect.poll(() => chatwoot.requests.length).toBe(2);
    expect(chatwoot.requests).toMatchObject([
      { method: 'POST', path: '/api/v1/accounts/4/conversations/77/toggle_typing_status', headers: { api_access_token: 'agent-token-1' }, body: { typing_status: 'on' } },
      { method: 'POST', path: '/api/v1/accounts/4/conversations/77/toggle_typing_status', body: { typing_status: 'off' } },
    ]);
    typing.stop();
  });

  it('sends nothing to a platform that has no typing, nor fails when the platform refuses it', async () => {
    const generic = typingFor('generic', 50);
    generic.agentTyping('wl-7', 'int-cw');
    // Chatwoot answers an agent bot's token 401 on this endpoint: the typing is dropped, nothing breaks.
    chatwoot.answer({ status: 401, body: { error: 'Access to this endpoint is not authorized for bots' } });
    const sentinel = typingFor('chatwoot', 50);
    sentinel.agentTyping('wl-8', 'int-cw');
    await expect.poll(() => chatwoot.requests.map((r) => r.path)).toEqual([
      '/api/v1/accounts/4/conversations/77/toggle_typing_status',
      '/api/v1/accounts/4/conversations/77/toggle_typing_status',
    ]);
    expect(chatwoot.requests.some((r) => r.path === '/generic')).toBe(false);
    generic.stop();
    sentinel.stop();
  });
});

describe('the agent typing, through the Bot Framework reference bot', () => {
  const SECRET = `whsec_${Buffer.from('reference-bot-typing-signing-k01').toString('base64')}`;
  let hub: RunningHub;
  let bot: RunningReferenceBot;
  let channel: Awaited<ReturnType<typeof startBotConnectorChannel>>;
  beforeEach(async () => {
    hub = await listeningHub();
    channel = await startBotConnectorChannel();
    bot = await startReferenceBot({ port: 0, hubUrl: hub.url, token: DEMO_INTEGRATION_TOKEN, signingSecret: SECRET });
    await connectDemoIntegration(hub, { platform: 'botframework', callbackUrl: bot.warmlineUrl, secret: SECRET });
  });
  afterEach(async () => {
    await bot.close();
    await channel.close();
    await hub.close();
  });

  it('shows the user a typing activity while the agent writes', async () => {
    const user = { id: 'user-oda', name: 'Oda Berg' };
    const agent = await signIn(hub.url, 'agent@demo');
    const stream = await openStream(hub.url, agent.token);
    expect((await agent.call('PUT', '/v1/me/presence', { presence: 'available' })).status).toBeLessThan(300);
    await channel.send(bot.messagesUrl, 'conv-t', { type: 'message', text: 'a person please' }, user);
    await expect.poll(async () => ((await agent.call('GET', '/v1/conversations')).json.conversations as unknown[]).length).toBe(1);
    const [conversation] = (await agent.call('GET', '/v1/conversations')).json.conversations as { id: string }[];
    expect((await agent.call('POST', `/v1/conversations/${conversation!.id}/accept`)).status).toBe(200);
    await expect.poll(() => channel.textsIn('conv-t')).toContain('Alex Agent has joined the chat.');

    expect((await agent.call('POST', `/v1/conversations/${conversation!.id}/typing`)).status).toBe(204);
    await expect.poll(() => channel.received.filter((activity) => activity.type === 'typing' && activity.conversation?.id === 'conv-t').length).toBe(1);
    stream.close();
  });
});
