import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { endChats, handoffEnvelope, openSignedIn, postHandoff, recordingNotifier, startTestHub, startTestWorkstation } from './support/stack';

/**
 * What an agent meets in the first hour of a shift with several chats open, against a real hub in
 * browser mode: messages about one conversation stay with it. One hub and one signed-in agent serve
 * the file; each test's customers have names of their own, and its chats are closed after it, so a
 * test starts with no offer and a free agent, alone (`-g`) or in any order.
 */
type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

// Each check takes screenshots at two sizes; on a loaded machine those alone pass a minute.
test.describe.configure({ timeout: 120_000 });

const SCREENSHOTS = 'test-results/screenshots';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];
let hub: RunningHub | undefined;
let station: Workstation | undefined;
let agent: Page | undefined;
const chats: string[] = [];

test.beforeAll(async ({ browser }) => {
  hub = await startTestHub();
  station = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  agent = await (await browser.newContext()).newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await openSignedIn(agent, station.url, 'agent@demo');
});

test.afterEach(async () => {
  await endChats(running().hub, chats);
  await running().page.setViewportSize(SIZES[0]!);
});

test.afterAll(async () => {
  await agent?.context().close();
  await station?.close();
  await hub?.close();
});

function running() {
  if (!hub || !agent) throw new Error('the floor runs only inside a test');
  return { hub, page: agent };
}

/** A bot hands `name` off to the floor; the chat is closed after the test. */
async function handoff(name: string): Promise<void> {
  chats.push(await postHandoff(running().hub.url, handoffEnvelope({ customer: { name } })));
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

/** Opens the customer's row and accepts the offer on its card. */
async function acceptOffer(page: Page, customer: string): Promise<void> {
  await page.getByTestId('inbox-row').filter({ hasText: customer }).click();
  await page.getByTestId('handoff-card').getByTestId('accept-button').click();
  await expect(page.getByTestId('conversation-customer')).toHaveText(customer);
  await expect(page.getByTestId('conversation-state')).toHaveText('Active');
}

test('"Conversation resolved." stays with the resolved chat and never follows the agent into the next one', async () => {
  const { page } = running();
  await handoff('Maria Okafor');
  await handoff('Jonas Weber');
  await acceptOffer(page, 'Maria Okafor');
  await acceptOffer(page, 'Jonas Weber');

  await page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' }).click();
  await expect(page.getByTestId('conversation-customer')).toHaveText('Maria Okafor');
  await page.keyboard.press('Alt+r');
  await page.getByTestId('resolve-submit').click();
  await expect(page.getByTestId('conversation-state')).toHaveText('Resolved');
  const status = page.getByTestId('action-done');
  await expect(status).toHaveText('Conversation resolved.');
  await shoot(page, 'floor-status-resolved');

  // The next chat opens clean: its status line says nothing about Maria's chat.
  await page.getByTestId('inbox-row').filter({ hasText: 'Jonas Weber' }).click();
  await expect(page.getByTestId('conversation-customer')).toHaveText('Jonas Weber');
  await expect(page.getByTestId('conversation-state')).toHaveText('Active');
  await expect(status).toBeEmpty();
  await shoot(page, 'floor-status-next-chat');

  // Its own news shows in it, and only in it.
  await page.keyboard.press('Alt+f');
  await page.getByTestId('flag-note').fill('Customer asks for a manager');
  await page.getByTestId('flag-submit').click();
  await expect(status).toHaveText('Flag raised: a supervisor has been asked to help.');
});

test('the tab title counts the offers waiting for the agent, and goes back to plain once they are taken', async () => {
  const { page } = running();
  await expect(page).toHaveTitle('Warmline');
  await handoff('Lena Fischer');
  await expect(page).toHaveTitle('(1) 1 offer · Warmline');
  await handoff('Tomás Ruiz');
  await expect(page).toHaveTitle('(2) 2 offers · Warmline');
  await acceptOffer(page, 'Lena Fischer');
  await expect(page).toHaveTitle('(1) 1 offer · Warmline');
  await acceptOffer(page, 'Tomás Ruiz');
  await expect(page).toHaveTitle('Warmline');
});

test('an offer at 1280×720 shows Accept without scrolling, and Ctrl+Enter raises a flag from its note', async () => {
  const { page } = running();
  await page.setViewportSize({ width: 1280, height: 720 });
  await handoff('Amara Nwosu');
  await page.getByTestId('inbox-row').filter({ hasText: 'Amara Nwosu' }).click();
  const accept = page.getByTestId('handoff-card').getByTestId('accept-button');
  await expect(accept).toBeInViewport({ ratio: 1 });
  await shoot(page, 'floor-offer-card');

  await page.setViewportSize({ width: 1280, height: 720 });
  await accept.click();
  await expect(page.getByTestId('conversation-state')).toHaveText('Active');
  await page.keyboard.press('Alt+f');
  await page.getByTestId('flag-note').fill('Customer threatens to cancel');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('action-done')).toHaveText('Flag raised: a supervisor has been asked to help.');
  await expect(page.getByTestId('flag-form')).toHaveCount(0);
});

test('Enter on the row of an offer already open moves focus to its Accept', async () => {
  const { page } = running();
  await handoff('Kenji Watanabe');
  const row = page.getByTestId('inbox-row').filter({ hasText: 'Kenji Watanabe' });
  await row.click();
  await expect(page.getByTestId('handoff-card')).toBeFocused();
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('accept-button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('conversation-state')).toHaveText('Active');
  await expect(page.getByTestId('conversation-customer')).toHaveText('Kenji Watanabe');
});
