import { expect, test, type Page } from '@playwright/test';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation, tempDir } from './support/stack';

async function screenshots(page: Page, stage: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `test-results/screenshots/${stage}-${width}x${height}.png` });
  }
}

test('a returning customer: the card and the conversation list their earlier conversation with its outcome, open it in one click, and still do offline', async ({
  page,
}) => {
  const hub = await startTestHub();
  const cacheDir = tempDir();
  const notifications = recordingNotifier();
  let workstation = await startTestWorkstation(hub.url, notifications.notifier, cacheDir);
  try {
    await openSignedIn(page, workstation.url);

    // Yesterday, through the returns bot: the broken boots, not solved.
    const first = handoffEnvelope({
      customer: { id: 'cust-4411', name: 'Maria Okafor', email: 'maria@example.com', verification: { status: 'verified' } },
      issue: { title: 'Boots arrived with a split sole' },
    });
    const firstId = await postHandoff(hub.url, first);
    await page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' }).click();
    await page.getByTestId('accept-button').click();
    await page.keyboard.press('Alt+r');
    await page.getByTestId('resolve-disposition').selectOption('not_solved');
    await page.getByTestId('resolve-submit').click();

    // Today, through another bot platform, with her email in capitals and no customer id.
    const second = handoffEnvelope({
      source: { platform: 'chatwoot', bot: 'support-inbox', conversationId: 'cw-991' },
      customer: { name: 'Maria O.', email: 'MARIA@example.com', verification: { status: 'unverified' } },
      issue: { title: 'Still waiting for my refund' },
    });
    const secondId = await postHandoff(hub.url, second);
    await page.getByTestId('inbox-row').filter({ hasText: 'Maria O.' }).click();
    const card = page.getByTestId('handoff-card');
    const earlier = card.getByTestId('earlier-conversations');
    await expect(earlier.getByTestId('earlier-conversation')).toHaveCount(1);
    await expect(earlier.getByTestId('earlier-conversation')).toHaveAttribute('data-conversation-id', firstId);
    await expect(earlier).toContainText('Boots arrived with a split sole');
    await expect(earlier.getByTestId('earlier-outcome')).toHaveText('Not solved');
    await expect(earlier).toContainText('same email');
    await screenshots(page, 'returning-customer-card');

    await card.getByTestId('accept-button').click();
    const context = page.getByTestId('conversation-context');
    await expect(context.getByTestId('earlier-conversation')).toHaveCount(1);
    await screenshots(page, 'returning-customer-conversation');

    await context.getByTestId('earlier-open').click();
    await expect(page.getByTestId('conversation')).toHaveAttribute('data-conversation-id', firstId);
    await expect(page.getByTestId('transcript')).toContainText('I want to return my boots');

    // Offline: the hub is gone; the cache still knows she wrote before.
    await workstation.close();
    await hub.close();
    workstation = await startTestWorkstation(hub.url, notifications.notifier, cacheDir);
    await page.goto(workstation.url);
    await expect(page.getByTestId('connection-status')).toContainText(/offline since/i);
    await page.getByTestId('inbox-row').filter({ hasText: 'Maria O.' }).click();
    await expect(page.getByTestId('conversation')).toHaveAttribute('data-conversation-id', secondId);
    const offline = page.getByTestId('conversation-context').getByTestId('earlier-conversations');
    await expect(offline.getByTestId('earlier-offline')).toBeVisible();
    await expect(offline.getByTestId('earlier-conversation')).toHaveAttribute('data-conversation-id', firstId);
    await expect(offline.getByTestId('earlier-outcome')).toHaveText('Not solved');
    await screenshots(page, 'returning-customer-offline');
    await offline.getByTestId('earlier-open').click();
    await expect(page.getByTestId('conversation')).toHaveAttribute('data-conversation-id', firstId);
  } finally {
    await workstation.close();
    await hub.close();
  }
});
