import { expect, test } from '@playwright/test';
import { createOsNotifier } from '../../src/main/notify/notifier';
import { missingNotificationTools, startNotificationSession } from './support/os-notifications';
import { handoffEnvelope, postHandoff, signInThroughUi, startTestHub, startTestWorkstation } from './support/stack';

const missing = missingNotificationTools();
// CI installs these (see .ci/run); a developer machine without them is told what to install.
test.skip(missing.length > 0 && !process.env.CI, `OS notification test needs: ${missing.join(', ')} (apt: xvfb dbus dunst libnotify-bin)`);

test('an offer raises a real OS notification naming the customer, with the issue, reason and wait', async ({ page }) => {
  const session = await startNotificationSession();
  const hub = await startTestHub();
  const workstation = await startTestWorkstation(hub.url, createOsNotifier());
  try {
    await signInThroughUi(page, workstation.url);
    await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Nguyễn Thị Lan' }, fields: [{ key: 'account_number', label: 'Account', value: '99887766', verified: true }] }));
    await expect(page.getByTestId('inbox-row').filter({ hasText: 'Nguyễn Thị Lan' })).toBeVisible();
    await expect.poll(() => session.history().filter((n) => n.appname === 'Warmline').length, { timeout: 10_000 }).toBeGreaterThan(0);
    const [notification] = session.history().filter((n) => n.appname === 'Warmline');
    expect(notification!.summary).toBe('Nguyễn Thị Lan');
    expect(notification!.body).toContain('Refund for boots outside the 30-day window');
    expect(notification!.body).toContain("Bot couldn't help");
    expect(notification!.body).toMatch(/waiting (under a minute|\d+ min)/);
    expect(notification!.body).not.toContain('99887766');
  } finally {
    await workstation.close();
    await hub.close();
    session.stop();
  }
});
