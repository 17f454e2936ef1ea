import { expect, test } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, signInThroughUi, startTestHub, startTestWorkstation } from './support/stack';

let hub: RunningHub;
let workstation: Awaited<ReturnType<typeof startTestWorkstation>>;
let notifications: ReturnType<typeof recordingNotifier>;

test.beforeEach(async () => {
  hub = await startTestHub();
  notifications = recordingNotifier();
  workstation = await startTestWorkstation(hub.url, notifications.notifier);
});
test.afterEach(async () => {
  await workstation.close();
  await hub.close();
});

test('a handoff posted by a bot appears as a card with name, issue and reason, and accept shows the transcript in order', async ({ page }) => {
  await signInThroughUi(page, workstation.url);
  await postHandoff(hub.url, handoffEnvelope());

  const row = page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' });
  await expect(row).toBeVisible();
  await row.click();
  const card = page.getByTestId('handoff-card');
  await expect(card.getByTestId('handoff-customer')).toHaveText('Maria Okafor');
  await expect(card.getByTestId('handoff-issue')).toHaveText('Refund for boots outside the 30-day window');
  await expect(card.getByTestId('reason-chip')).toContainText(/couldn.t help/i);
  await expect(card.getByTestId('handoff-field').first()).toContainText('555');
  await expect(card.getByTestId('handoff-field').first()).toContainText(/verified/i);
  expect(notifications.shown.map((n) => n.title)).toContain('Maria Okafor');

  await card.getByTestId('accept-button').click();
  const turns = page.getByTestId('transcript').getByTestId('turn');
  await expect(turns.getByTestId('turn-text').first()).toHaveText('I want to return my boots');
  const texts = await turns.getByTestId('turn-text').allTextContents();
  expect(texts.slice(0, 4)).toEqual([
    'I want to return my boots',
    'Sure. What is your order number?',
    'It is 555, delivered 32 days ago',
    'Sorry, returns are only accepted within 30 days.',
  ]);
  const authors = await turns.evaluateAll((nodes) => nodes.slice(0, 4).map((node) => node.getAttribute('data-author')));
  expect(authors).toEqual(['customer', 'bot', 'customer', 'bot']);
});

test('a customer in the web chat is handed off by the demo bot, and the agent and customer talk live', async ({ page, context }) => {
  await openSignedIn(page, workstation.url);
  const customer = await context.newPage();
  await customer.goto(`${hub.url}/chat`);
  await customer.getByLabel('Your name').fill('Zoë Brontë');
  await customer.getByRole('button', { name: 'Start chat' }).click();
  const input = customer.getByTestId('chat-input');
  await input.fill('my hamster chewed the router cable');
  await input.press('Enter');
  await expect(customer.getByTestId('chat-log')).toContainText("Sorry, I didn't understand that");
  await input.fill('the light is purple now');
  await input.press('Enter');
  await expect(customer.getByTestId('chat-status')).toContainText('transferred to a person');

  const row = page.getByTestId('inbox-row').filter({ hasText: 'Zoë Brontë' });
  await row.click();
  await expect(page.getByTestId('handoff-card').getByTestId('reason-chip')).toContainText(/couldn.t help/i);
  await page.getByTestId('accept-button').click();
  await expect(page.getByTestId('transcript')).toContainText('my hamster chewed the router cable');

  const composer = page.getByTestId('composer-input');
  await composer.fill('Hi Zoë, I can help with the router.');
  await composer.press('Enter');
  await expect(customer.getByTestId('chat-log')).toContainText('Hi Zoë, I can help with the router.');
  await expect(customer.getByTestId('chat-log')).toContainText('Alex Agent joined the chat.');

  await input.fill('Thank you, it is a TP-Link');
  await input.press('Enter');
  const reply = page.getByTestId('transcript').getByTestId('turn').filter({ hasText: 'Thank you, it is a TP-Link' });
  await expect(reply).toHaveAttribute('data-author', 'customer');
  await page.screenshot({ path: 'test-results/screenshots/conversation.png' });
});
