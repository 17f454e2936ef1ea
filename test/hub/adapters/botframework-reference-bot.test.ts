import { MemoryStorage } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReferenceBot, type RunningReferenceBot } from '../../../examples/botframework-reference-bot/src/server';
import type { RunningHub } from '../../../src/hub/server';
import { startBotConnectorChannel } from '../../support/bot-connector-channel';
import { connectDemoIntegration, signIn } from '../../support/channel-setup';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { listeningHub, openStream } from '../../support/hub';

/**
 * The reference bot on the real botbuilder SDK (CloudAdapter on loopback) against a real hub:
 * the user's side is a Bot Connector stand-in, the agent's the hub's HTTP API.
 */

const SECRET = `whsec_${Buffer.from('reference-bot-e2e-signing-key-01').toString('base64')}`;
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

const user = { id: 'user-amelie', name: 'Amélie Durand' };

describe('the Bot Framework reference bot with a hub', () => {
  it('hands off, relays both ways (barge yes, whisper never), and takes the user back when the agent resolves', async () => {
    const agent = await signIn(hub.url, 'agent@demo');
    const stream = await openStream(hub.url, agent.token);
    expect((await agent.call('PUT', '/v1/me/presence', { presence: 'available' })).status).toBeLessThan(300);
    await channel.send(bot.messagesUrl, 'conv-1', { type: 'message', text: 'where is my parcel?' }, user, 'fr-FR');
    await channel.send(bot.messagesUrl, 'conv-1', { type: 'message', text: 'I want a person' }, user, 'fr-FR');
    await expect.poll(() => channel.textsIn('conv-1')).toContain('I am connecting you with a person. Please stay in this chat.');

    const listed = await agent.call('GET', '/v1/conversations');
    const conversations = (listed.json.conversations ?? []) as { id: string; customer?: { name: string } }[];
    const conversation = conversations.find((c) => JSON.stringify(c).includes('Amélie Durand'));
    expect(conversation).toBeDefined();
    const detail = await agent.call('GET', `/v1/conversations/${conversation!.id}`);
    expect(JSON.stringify(detail.json)).toContain('where is my parcel?');
    expect((await agent.call('POST', `/v1/conversations/${conversation!.id}/accept`)).status).toBe(200);
    await expect.poll(() => channel.textsIn('conv-1')).toContain('Alex Agent has joined the chat.');

    expect((await agent.call('POST', `/v1/conversations/${conversation!.id}/messages`, { clientMessageId: 'c-1', text: 'Bonjour Amélie, je regarde.' })).status).toBeLessThan(300);
    await expect.poll(() => channel.textsIn('conv-1')).toContain('Alex Agent: Bonjour Amélie, je regarde.');

    // A supervisor's whisper stays in the hub; their barge message reaches the user, after it in order.
    const supervisor = await signIn(hub.url, 'supervisor@demo');
    const id = conversation!.id;
    expect((await supervisor.call('POST', `/v1/conversations/${id}/monitor`)).status).toBeLessThan(300);
    expect((await supervisor.call('POST', `/v1/conversations/${id}/whisper`, { clientMessageId: 'w-1', text: 'Offer the voucher.' })).status).toBeLessThan(300);
    expect((await supervisor.call('POST', `/v1/conversations/${id}/barge`)).status).toBeLessThan(300);
    const barge = await supervisor.call('POST', `/v1/conversations/${id}/messages`, { clientMessageId: 's-1', text: 'We cover the postage.' });
    expect(barge.status).toBeLessThan(300);
    await expect.poll(() => channel.textsIn('conv-1')).toContain('Priya Supervisor (supervisor): We cover the postage.');
    expect(channel.textsIn('conv-1').filter((text) => text.includes('Offer the voucher'))).toEqual([]);

    const relayed = await channel.send(bot.messagesUrl, 'conv-1', { type: 'message', text: 'Merci ! Commande 555.' }, user, 'fr-FR');
    // The channel retries the same activity: the agent still sees it once.
    await channel.send(bot.messagesUrl, 'conv-1', { type: 'message', text: 'Merci ! Commande 555.', id: relayed.id }, user, 'fr-FR');
    const sentinel = await channel.send(bot.messagesUrl, 'conv-1', { type: 'message', text: 'Et la facture ?' }, user, 'fr-FR');
    const transcriptTexts = async () => {
      const view = (await agent.call('GET', `/v1/conversations/${conversation!.id}`)).json as { messages?: { text: string }[] };
      return (view.messages ?? []).map((m) => m.text);
    };
    await expect.poll(transcriptTexts).toContain(sentinel.text);
    expect((await transcriptTexts()).filter((text) => text === 'Merci ! Commande 555.')).toHaveLength(1);
    const botAnswers = () => channel.textsIn('conv-1').filter((text) => text.startsWith('I can help with returns'));
    expect(botAnswers()).toHaveLength(1);

    expect((await agent.call('POST', `/v1/conversations/${conversation!.id}/resolve`, { disposition: 'solved' })).status).toBeLessThan(300);
    await expect.poll(() => channel.textsIn('conv-1')).toContain('The agent has closed this chat. Thank you! I am here if you need anything else.');
    await channel.send(bot.messagesUrl, 'conv-1', { type: 'message', text: 'one more question' }, user, 'fr-FR');
    await expect.poll(botAnswers).toHaveLength(2);
    stream.close();
  });

  it('tells the agent when the user leaves the channel after the handoff', async () => {
    const agent = await signIn(hub.url, 'agent@demo');
    const stream = await openStream(hub.url, agent.token);
    expect((await agent.call('PUT', '/v1/me/presence', { presence: 'available' })).status).toBeLessThan(300);
    await channel.send(bot.messagesUrl, 'conv-2', { type: 'message', text: 'agent please' }, user);
    await expect.poll(async () => ((await agent.call('GET', '/v1/conversations')).json.conversations as unknown[]).length).toBe(1);
    const [conversation] = (await agent.call('GET', '/v1/conversations')).json.conversations as { id: string }[];
    expect((await agent.call('POST', `/v1/conversations/${conversation!.id}/accept`)).status).toBe(200);
    await channel.send(bot.messagesUrl, 'conv-2', { type: 'conversationUpdate', membersRemoved: [{ id: user.id, name: user.name }] }, user);
    const texts = async () => (((await agent.call('GET', `/v1/conversations/${conversation!.id}`)).json.messages ?? []) as { text: string }[]).map((m) => m.text);
    await expect.poll(texts).toContain('The customer left the conversation (the user left the conversation).');
    stream.close();
  });

  it('delivers the agent’s replies once and in order after the bot was down for a while', async () => {
    const storage = new MemoryStorage();
    await bot.close();
    bot = await startReferenceBot({ port: 0, hubUrl: hub.url, token: DEMO_INTEGRATION_TOKEN, signingSecret: SECRET, storage });
    const port = new URL(bot.url).port;
    await connectDemoIntegration(hub, { platform: 'botframework', callbackUrl: bot.warmlineUrl, secret: SECRET });
    const agent = await signIn(hub.url, 'agent@demo');
    const stream = await openStream(hub.url, agent.token);
    expect((await agent.call('PUT', '/v1/me/presence', { presence: 'available' })).status).toBeLessThan(300);
    await channel.send(bot.messagesUrl, 'conv-3', { type: 'message', text: 'a person please' }, user);
    await expect.poll(async () => ((await agent.call('GET', '/v1/conversations')).json.conversations as unknown[]).length).toBe(1);
    const [conversation] = (await agent.call('GET', '/v1/conversations')).json.conversations as { id: string }[];
    expect((await agent.call('POST', `/v1/conversations/${conversation!.id}/accept`)).status).toBe(200);
    await expect.poll(() => channel.textsIn('conv-3')).toContain('Alex Agent has joined the chat.');

    await bot.close();
    for (const [index, text] of ['First, the label.', 'Second, the refund.', 'Third, the voucher.'].entries()) {
      expect((await agent.call('POST', `/v1/conversations/${conversation!.id}/messages`, { clientMessageId: `d-${index}`, text })).status).toBeLessThan(300);
    }
    const states = async () =>
      (((await agent.call('GET', `/v1/conversations/${conversation!.id}`)).json.messages ?? []) as { author: string; delivery?: { state: string } }[])
        .filter((m) => m.author === 'agent')
        .map((m) => m.delivery?.state);
    await expect.poll(states, { timeout: 15_000 }).toContain('retrying');

    bot = await startReferenceBot({ port: Number(port), hubUrl: hub.url, token: DEMO_INTEGRATION_TOKEN, signingSecret: SECRET, storage });
    await expect.poll(() => channel.textsIn('conv-3').filter((text) => /^Alex Agent: (First|Second|Third),/.test(text)), { timeout: 30_000 }).toEqual([
      'Alex Agent: First, the label.',
      'Alex Agent: Second, the refund.',
      'Alex Agent: Third, the voucher.',
    ]);
    await expect.poll(states).toEqual(['delivered', 'delivered', 'delivered']);
    stream.close();
  }, 60_000);
});
