import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

/**
 * axe-core over the three screens an agent lives in: the inbox, an offer's card and an accepted
 * conversation. Serious and critical findings fail, each listed with the elements it names.
 */
const SCREENSHOTS = 'test-results/screenshots';
let hub: RunningHub;
let workstation: Awaited<ReturnType<typeof startTestWorkstation>>;

test.beforeEach(async () => {
  hub = await startTestHub();
  workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterEach(async () => {
  await workstation.close();
  await hub.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('the inbox, the handoff card and the conversation have no serious or critical accessibility violations', async ({ page }) => {
  await openSignedIn(page, workstation.url);
  await postHandoff(hub.url, handoffEnvelope());
  const row = page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' });
  await expect(row).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-inbox.png` });
  expect(await seriousViolations(page), 'inbox').toEqual([]);

  await row.click();
  const card = page.getByTestId('handoff-card');
  await expect(card.getByTestId('handoff-customer')).toHaveText('Maria Okafor');
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-card.png`, fullPage: true });
  expect(await seriousViolations(page), 'handoff card').toEqual([]);

  await card.getByTestId('accept-button').click();
  await expect(page.getByTestId('composer-input')).toBeFocused();
  await page.getByTestId('composer-input').fill('Hi Maria, I can see your order 555.');
  await page.getByTestId('composer-input').press('Enter');
  await expect(page.getByTestId('transcript')).toContainText('I can see your order 555');
  await page.keyboard.press('Alt+t');
  await expect(page.getByTestId('transfer-form')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-conversation.png` });
  expect(await seriousViolations(page), 'conversation').toEqual([]);
});

test('the workspace has its landmarks, and the offer card is reachable and operable by keyboard alone', async ({ page }) => {
  await openSignedIn(page, workstation.url);
  await postHandoff(hub.url, handoffEnvelope());
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByTestId('inbox-row').first()).toBeVisible();

  // Tab into the inbox from the top of the page, open the offer, accept with A.
  let focusedRow = false;
  for (let step = 0; step < 20 && !focusedRow; step += 1) {
    await page.keyboard.press('Tab');
    focusedRow = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'inbox-row');
  }
  expect(focusedRow).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('handoff-card')).toBeFocused();
  await page.keyboard.press('a');
  await expect(page.getByTestId('composer-input')).toBeFocused();
});
