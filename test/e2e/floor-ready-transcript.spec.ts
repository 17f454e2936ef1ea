import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import { postSigned } from '../support/signed-callback-receiver';
import { useGenericChannelStack } from './support/generic-channel-stack';
import { handoffEnvelope, openSignedIn } from './support/stack';

/**
 * The open transcript follows the chat as an agent expects, against a real hub in browser mode with
 * the customer writing through the generic connector: it stays on the newest message while the agent
 * is at the bottom, keeps their place with a "N new messages" button while they read further up, and
 * the inbox row of another chat says when its customer has written.
 */
const SECRET = `whsec_${Buffer.from('floor-ready-transcript-secret-01').toString('base64')}`;
const SCREENSHOTS = 'test-results/screenshots';
const stack = useGenericChannelStack('generic', SECRET);
let sequence = 0;

/** A handoff whose bot transcript is longer than the pane, so following it means scrolling. */
function longHandoff(name: string, customerId: string) {
  const transcript = Array.from({ length: 24 }, (_, index) => ({
    id: `t${index + 1}`,
    at: new Date(Date.UTC(2026, 10, 20, 10, 12, index)).toISOString(),
    author: index % 2 === 0 ? 'customer' : 'bot',
    text: index % 2 === 0 ? `Customer line ${index + 1} about order 555` : `Bot line ${index + 1}: let me check that for you`,
  }));
  return handoffEnvelope({ customer: { id: customerId, name }, transcript, reason: { kind: 'customer_requested' } });
}

async function handOff(name: string, customerId: string): Promise<string> {
  sequence += 1;
  const answer = await postSigned(`${stack().hub.url}/v1/handoffs`, DEMO_INTEGRATION_TOKEN, SECRET, `ho-${sequence}`, longHandoff(name, customerId));
  expect(answer.status).toBe(201);
  return String(answer.json.conversationId);
}

async function customerWrites(conversationId: string, text: string): Promise<void> {
  sequence += 1;
  const answer = await postSigned(`${stack().hub.url}/v1/conversations/${conversationId}/customer-messages`, DEMO_INTEGRATION_TOKEN, SECRET, `cm-${sequence}`, {
    messageId: `m-${sequence}`,
    text,
  });
  expect(answer.status).toBe(201);
}

async function accept(page: Page, name: string): Promise<void> {
  await page.getByTestId('inbox-row').filter({ hasText: name }).click();
  await page.getByTestId('accept-button').click();
  await expect(page.getByTestId('conversation-state')).toHaveText('Active');
}

const turn = (page: Page, text: string) => page.getByTestId('transcript').getByTestId('turn').filter({ hasText: text });

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('the transcript follows new messages at the bottom and keeps the place with "N new messages" while the agent reads above', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openSignedIn(page, stack().workstation.url);
  const id = await handOff('Ines Duarte', 'cust-ines');
  await accept(page, 'Ines Duarte');

  // After accepting, the newest turn is in view, and each new one follows while the agent is down there.
  await expect(turn(page, 'Customer line 23')).toBeInViewport();
  await customerWrites(id, 'Are you still there?');
  await expect(turn(page, 'Are you still there?')).toBeInViewport();
  const composer = page.getByTestId('composer-input');
  await composer.fill('Yes, I am looking at order 555 now.');
  await composer.press('Enter');
  await expect(turn(page, 'I am looking at order 555 now')).toBeInViewport();

  // The agent scrolls up to read; new messages no longer move the view, they are counted.
  await page.getByRole('region', { name: 'Transcript' }).hover();
  await page.mouse.wheel(0, -5000);
  await expect(turn(page, 'Customer line 1 about')).toBeInViewport();
  await customerWrites(id, 'It was a gift for my mother.');
  await customerWrites(id, 'She needs it by Friday.');
  const newMessages = page.getByTestId('transcript-new-messages');
  await expect(newMessages).toHaveText('2 new messages ↓');
  await expect(turn(page, 'She needs it by Friday.')).toHaveCount(1);
  await expect(turn(page, 'She needs it by Friday.')).not.toBeInViewport();
  await expect(turn(page, 'Customer line 1 about')).toBeInViewport();
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/floor-transcript-new-messages-${size.width}x${size.height}.png` });
  }

  await newMessages.click();
  await expect(turn(page, 'She needs it by Friday.')).toBeInViewport();
  await expect(newMessages).toHaveCount(0);
});

test('the inbox row of another chat says its customer wrote, until the agent opens it', async ({ page }) => {
  await openSignedIn(page, stack().workstation.url);
  const other = await handOff('Jonas Weber', 'cust-jonas');
  await handOff('Ines Duarte', 'cust-ines');
  await accept(page, 'Jonas Weber');
  await accept(page, 'Ines Duarte');

  await customerWrites(other, 'Hello? Anyone?');
  await customerWrites(other, 'I have been waiting.');
  const row = page.getByTestId('inbox-row').filter({ hasText: 'Jonas Weber' });
  await expect(row.getByTestId('inbox-row-unread')).toHaveText('2 new messages');
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/floor-inbox-unread-${size.width}x${size.height}.png` });
  }

  await row.click();
  await expect(turn(page, 'I have been waiting.')).toBeInViewport();
  await expect(row.getByTestId('inbox-row-unread')).toHaveCount(0);
});
