import { expect, test } from '@playwright/test';
import { startReferenceBot, type RunningReferenceBot } from '../../examples/botframework-reference-bot/src/server';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import type { RunningHub } from '../../src/hub/server';
import { startBotConnectorChannel } from '../support/bot-connector-channel';
import { connectDemoIntegration } from '../support/channel-setup';
import { recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

/**
 * Bot Framework end to end: the user talks to the reference bot (the real botbuilder SDK, a
 * CloudAdapter on loopback) through a Bot Connector stand-in; the bot hands off with
 * EventFactory.createHandoffInitiation; the agent accepts in the browser; the agent's reply reaches
 * the user as the bot's message activity; the user's next message reaches the agent's transcript.
 */

const SECRET = `whsec_${Buffer.from('channel-botframework-e2e-secret!').toString('base64')}`;
let hub: RunningHub;
let workstation: Awaited<ReturnType<typeof startTestWorkstation>>;
let bot: RunningReferenceBot;
let channel: Awaited<ReturnType<typeof startBotConnectorChannel>>;

test.beforeEach(async () => {
  hub = await startTestHub();
  workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  channel = await startBotConnectorChannel();
  bot = await startReferenceBot({ port: 0, hubUrl: hub.url, token: DEMO_INTEGRATION_TOKEN, signingSecret: SECRET });
  await connectDemoIntegration(hub, { platform: 'botframework', callbackUrl: bot.warmlineUrl, secret: SECRET });
});
test.afterEach(async () => {
  await bot.close();
  await channel.close();
  await workstation.close();
  await hub.close();
});

test('a Bot Framework user handed off by a botbuilder bot talks with the agent both ways', async ({ page }) => {
  const user = { id: 'user-amelie', name: 'Amélie Durand' };
  const conversation = `bf-${Date.now()}`;
  await openSignedIn(page, workstation.url);
  await channel.send(bot.messagesUrl, conversation, { type: 'message', text: 'Où est mon colis 555 ?' }, user, 'fr-FR');
  await channel.send(bot.messagesUrl, conversation, { type: 'message', text: 'I want a person please' }, user, 'fr-FR');
  await expect.poll(() => channel.textsIn(conversation)).toContain('I am connecting you with a person. Please stay in this chat.');

  const row = page.getByTestId('inbox-row').filter({ hasText: 'Amélie Durand' });
  await row.click();
  await expect(page.getByTestId('handoff-card').getByTestId('handoff-customer')).toHaveText('Amélie Durand');
  await page.getByTestId('accept-button').click();
  const transcript = page.getByTestId('transcript');
  await expect(transcript).toContainText('Où est mon colis 555 ?');
  await expect.poll(() => channel.textsIn(conversation)).toContain('Alex Agent has joined the chat.');

  const composer = page.getByTestId('composer-input');
  await composer.fill('Bonjour Amélie, je regarde votre colis.');
  await composer.press('Enter');
  // The user's channel shows who is writing: the bot sends it, so the agent's name leads the text.
  await expect.poll(() => channel.textsIn(conversation)).toContain('Alex Agent: Bonjour Amélie, je regarde votre colis.');
  const delivered = channel.received.find((activity) => activity.text === 'Alex Agent: Bonjour Amélie, je regarde votre colis.');
  // What the user's channel got from the bot: a Bot Connector message activity of their conversation.
  expect(delivered).toMatchObject({ type: 'message', conversation: { id: conversation }, recipient: { id: user.id }, from: { role: 'bot' } });

  await channel.send(bot.messagesUrl, conversation, { type: 'message', text: 'Merci ! Il devait arriver hier.' }, user, 'fr-FR');
  const reply = transcript.getByTestId('turn').filter({ hasText: 'Merci ! Il devait arriver hier.' });
  await expect(reply).toHaveAttribute('data-author', 'customer');
  await page.screenshot({ path: 'test-results/screenshots/channel-botframework.png' });
});
