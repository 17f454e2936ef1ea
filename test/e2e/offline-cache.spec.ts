import { expect, test } from '@playwright/test';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation, tempDir } from './support/stack';

test('with the hub stopped, a restarted app still lists conversations, opens transcripts and says it is offline', async ({ page }) => {
  const hub = await startTestHub();
  const cacheDir = tempDir();
  const notifications = recordingNotifier();
  let workstation = await startTestWorkstation(hub.url, notifications.notifier, cacheDir);
  await openSignedIn(page, workstation.url);
  await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Kenji Watanabe' } }));
  await page.getByTestId('inbox-row').filter({ hasText: 'Kenji Watanabe' }).click();
  await page.getByTestId('accept-button').click();
  await page.getByTestId('composer-input').fill('Hello Kenji, let me look at that refund.');
  await page.getByTestId('composer-input').press('Enter');
  await expect(page.getByTestId('transcript').getByTestId('turn').filter({ hasText: 'let me look at that refund' })).toBeVisible();

  await workstation.close();
  await hub.close();
  workstation = await startTestWorkstation(hub.url, notifications.notifier, cacheDir);
  try {
    await page.goto(workstation.url);
    await expect(page.getByTestId('connection-status')).toContainText(/offline since/i);
    const row = page.getByTestId('inbox-row').filter({ hasText: 'Kenji Watanabe' });
    await expect(row).toBeVisible();
    await row.click();
    await expect(page.getByTestId('transcript')).toContainText('I want to return my boots');
    await expect(page.getByTestId('transcript')).toContainText('Hello Kenji, let me look at that refund.');
    await page.screenshot({ path: 'test-results/screenshots/offline.png' });
  } finally {
    await workstation.close();
  }
});
