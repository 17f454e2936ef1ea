import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { signIn } from '../support/sign-in';
import { recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

let hub: RunningHub;
let workstation: Awaited<ReturnType<typeof startTestWorkstation>>;

test.beforeEach(async () => {
  hub = await startTestHub();
  workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
});
test.afterEach(async () => {
  await workstation.close();
  await hub.close();
});

const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1280x720', width: 1280, height: 720 },
];

async function screenshots(page: Page, stage: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: `test-results/screenshots/${stage}-${size.name}.png` });
  }
}

/** Exports the open conversation through the dialog, with the exporter's choice for staff-only notes. */
async function exportWith(page: Page, choice: 'mark' | 'omit'): Promise<string> {
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId(choice === 'mark' ? 'export-staff-mark' : 'export-staff-omit').check();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
  await expect(dialog).toBeHidden();
  return readFileSync(await download.path(), 'utf8');
}

test('the export carries the outcome, resolve note, flags and rating, and whispers are marked staff-only or left out as the exporter chooses', async ({
  page,
  context,
}) => {
  const customer = await context.newPage();
  await customer.goto(`${hub.url}/chat`);
  await customer.getByLabel('Your name').fill('Ama Mensah');
  await customer.getByRole('button', { name: 'Start chat' }).click();
  await customer.getByTestId('chat-input').fill('I want to talk to a person about my refund');
  await customer.getByTestId('chat-input').press('Enter');

  await openSignedIn(page, workstation.url);
  await page.getByTestId('inbox-row').filter({ hasText: 'Ama Mensah' }).click();
  await page.getByTestId('accept-button').click();
  const conversationId = await page.getByTestId('conversation').getAttribute('data-conversation-id');

  const supervisor = await signIn(hub.url, 'supervisor@demo');
  const whisper = await fetch(`${hub.url}/v1/conversations/${conversationId}/whisper`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor}` },
    body: JSON.stringify({ clientMessageId: 'w-1', text: 'Offer the goodwill voucher, not a refund' }),
  });
  expect(whisper.status).toBe(201);
  await expect(page.getByTestId('transcript')).toContainText('Offer the goodwill voucher, not a refund');

  await page.keyboard.press('Alt+f');
  await page.getByTestId('flag-note').fill('Customer threatens a chargeback');
  await page.getByTestId('flag-submit').click();
  await page.keyboard.press('Alt+r');
  await page.getByTestId('resolve-disposition').selectOption('follow_up');
  await page.getByTestId('resolve-note').fill('Voucher sent; call back on Friday about the refund');
  await page.getByTestId('resolve-submit').click();
  await customer.getByTestId('chat-rating').getByRole('button', { name: '4' }).click();
  await expect(customer.getByTestId('chat-status')).toHaveText('Thank you for your rating.');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await expect(page.getByTestId('export-staff-mark')).toBeChecked();
  await screenshots(page, 'export-dialog');
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  // The rating reaches this computer after the resolve: the export reads the cache once it has it.
  await expect.poll(async () => (await exportWith(page, 'mark')).includes('4 of 5'), { timeout: 15_000 }).toBe(true);
  const forStaff = await exportWith(page, 'mark');
  expect(forStaff).toMatch(/<dt>Outcome<\/dt><dd dir="auto">Needs follow-up<\/dd>/);
  expect(forStaff).toMatch(/<dt>Resolve note<\/dt><dd dir="auto">Voucher sent; call back on Friday about the refund<\/dd>/);
  expect(forStaff).toMatch(/<dt>Customer rating<\/dt><dd dir="auto">4 of 5<\/dd>/);
  expect(forStaff).toContain('Customer threatens a chargeback');
  expect(forStaff).toMatch(/<li class="supervisor staff">.*Staff only: not shown to the customer.*Offer the goodwill voucher, not a refund/);

  const forCustomer = await exportWith(page, 'omit');
  expect(forCustomer).not.toContain('Offer the goodwill voucher');
  expect(forCustomer).not.toContain('Customer threatens a chargeback');
  expect(forCustomer).toContain('Staff-only notes (whispers, flags) are left out of this copy.');
  expect(forCustomer).toContain('Voucher sent; call back on Friday about the refund');
  expect(forCustomer).toContain('4 of 5');
  expect(forCustomer).toContain('I want to talk to a person about my refund');

  // How the file reads in a browser, for the screenshots.
  const viewer = await context.newPage();
  await viewer.setContent(forStaff);
  await screenshots(viewer, 'export-file-staff');
  await viewer.setContent(forCustomer);
  await screenshots(viewer, 'export-file-customer');
});

test('History finds a conversation by the customer name typed in the search box, and opens it', async ({ page, context }) => {
  const customer = await context.newPage();
  await customer.goto(`${hub.url}/chat`);
  await customer.getByLabel('Your name').fill('Zoë Brontë');
  await customer.getByRole('button', { name: 'Start chat' }).click();
  await customer.getByTestId('chat-input').fill('Can I speak to someone about my router');
  await customer.getByTestId('chat-input').press('Enter');

  await openSignedIn(page, workstation.url);
  await page.getByTestId('inbox-row').filter({ hasText: 'Zoë Brontë' }).click();
  await page.getByTestId('accept-button').click();
  await page.keyboard.press('Alt+r');
  await page.getByTestId('resolve-submit').click();

  await page.keyboard.press('/');
  const search = page.getByTestId('history-search');
  await expect(search).toBeFocused();
  // Typed as an agent would: no accents, lower case, the surname half-typed.
  await search.fill('zoe bron');
  const result = page.locator('[data-testid="history-result"][data-matched-on="customer-name"]');
  await expect(result).toHaveCount(1);
  await expect(result).toContainText('Zoë Brontë');
  await expect(result).toContainText("Customer's name");
  await expect(result.locator('mark')).toHaveText(['Zoë', 'Brontë']);
  await screenshots(page, 'history-name-search');
  await result.click();
  await expect(page.getByTestId('conversation-customer')).toHaveText('Zoë Brontë');
});
