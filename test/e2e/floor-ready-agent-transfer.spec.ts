import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

/**
 * A warm transfer arrives warm on the receiving agent's desk, whichever way it travelled: the
 * offer, the card, the transcript and the accepted conversation all say who handed it over, where
 * to, and the note. Two agents on two workstations against one real hub, in browser mode.
 */
type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

// Two workstations and two sign-ins before the transfer itself.
test.describe.configure({ timeout: 120_000 });

const SCREENSHOTS = 'test-results/screenshots';
const WIDE = { width: 1440, height: 900 };
const SIZES = [WIDE, { width: 1280, height: 720 }];
const NOTE = 'Verified by one-time code; card was charged twice for order 555. Wants the duplicate refunded today.';
let hub: RunningHub;
let alexStation: Workstation;
let samStation: Workstation;

test.beforeEach(async () => {
  hub = await startTestHub();
  alexStation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  samStation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterEach(async () => {
  await alexStation.close();
  await samStation.close();
  await hub.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

async function samSignsIn(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: WIDE });
  const page = await context.newPage();
  await openSignedIn(page, samStation.url, 'agent2@demo');
  return page;
}

/** Alex (alone online, so the offer is his) takes Maria's chat; Sam signs in afterwards. */
async function alexHoldsMariaWhileSamSignsIn(page: Page, browser: Browser): Promise<Page> {
  await openSignedIn(page, alexStation.url, 'agent@demo');
  await postHandoff(hub.url, handoffEnvelope());
  await page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' }).click();
  await page.getByTestId('handoff-card').getByTestId('accept-button').click();
  await expect(page.getByTestId('conversation-state')).toHaveText('Active');
  return samSignsIn(browser);
}

/** `to` is the option's value: `queue:<id>` or `agent:<id>`. */
async function transfer(page: Page, to: string): Promise<void> {
  await page.keyboard.press('Alt+t');
  await expect(page.locator(`[data-testid="transfer-target"] option[value="${to}"]`)).toBeEnabled();
  await page.getByTestId('transfer-target').selectOption(to);
  await page.getByTestId('transfer-note').fill(NOTE);
  await page.getByTestId('transfer-submit').click();
}

/** What Sam must see, from the inbox row through the card to the accepted chat. */
async function expectArrivesWarm(sam: Page, target: string, shotName: string): Promise<void> {
  const row = sam.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' });
  await expect(row.getByTestId('inbox-row-transfer')).toHaveText(`Transfer from Alex Agent: ${NOTE}`);
  await row.click();
  const card = sam.getByTestId('handoff-card');
  await expect(card.getByText('Warm transfer from Alex Agent')).toBeVisible();
  await expect(card.getByTestId('handoff-transfer-from')).toContainText(`Transferred by Alex Agent to ${target}`);
  await expect(card.getByTestId('handoff-transfer-text')).toHaveText(NOTE);
  const cardLine = card.getByTestId('turn').filter({ hasText: 'Alex Agent transferred this chat' });
  await expect(cardLine).toContainText(`Alex Agent transferred this chat to ${target}: “${NOTE}”`);
  await expect(card.getByTestId('accept-button')).toBeInViewport();
  await shoot(sam, `${shotName}-offer`);

  await sam.setViewportSize(WIDE);
  await card.getByTestId('accept-button').click();
  await expect(sam.getByTestId('conversation-state')).toHaveText('Active');
  await expect(sam.getByTestId('conversation-context').getByTestId('handoff-transfer-text')).toHaveText(NOTE);
  await expect(sam.getByTestId('transcript').getByTestId('turn').filter({ hasText: 'Alex Agent transferred this chat' })).toBeVisible();
  // Still on the row once accepted: the note is what Sam works from.
  await expect(row.getByTestId('inbox-row-transfer')).toContainText('Transfer from Alex Agent');
  await shoot(sam, `${shotName}-accepted`);
}

test('a chat transferred to a queue reaches the next agent with who handed it over and the note, on the offer, the card and the transcript', async ({ page, browser }) => {
  const sam = await alexHoldsMariaWhileSamSignsIn(page, browser);
  await transfer(page, 'queue:support');
  await expectArrivesWarm(sam, 'the Customer support queue', 'transfer-queue');
});

test('a chat transferred to a named agent shows the same note after it is accepted, not only while it is offered', async ({ page, browser }) => {
  const sam = await alexHoldsMariaWhileSamSignsIn(page, browser);
  await transfer(page, 'agent:u_agent2');
  await expectArrivesWarm(sam, 'Sam Agent', 'transfer-agent');
});
