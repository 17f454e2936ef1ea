import { expect, test } from '@playwright/test';
import { DEMO_WALLBOARD_TOKEN } from '../../src/hub/demo/seed';
import { startHub, type RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, tempDir } from './support/stack';

// The wallboard in a plain Chromium against a real hub: it shows a handoff, says it is stale when
// the hub dies, and recovers by itself, without a reload, when the hub comes back on the same port.
test('the wallboard shows handoffs live and recovers from a hub restart without reloading', async ({ page }) => {
  const dataDir = tempDir();
  let hub: RunningHub = await startHub({ port: 0, host: '127.0.0.1', dataDir, demo: true });
  const port = hub.port;
  try {
    await page.goto(`${hub.url}/wallboard?token=${DEMO_WALLBOARD_TOKEN}&rotate=3600`);
    const loadedAt = await page.evaluate(() => window.__wallboardLoadedAt);
    expect(loadedAt).toBeGreaterThan(0);
    const waiting = page.getByTestId('wallboard-queue-support').getByTestId('queue-waiting');
    await expect(waiting).toHaveText('0');
    await expect(page.getByTestId('wallboard-stale')).toHaveCount(0);

    await postHandoff(hub.url, handoffEnvelope());
    await expect(waiting).toHaveText('1');
    await page.screenshot({ path: 'test-results/wallboard-live.png' });

    await hub.close();
    await expect(page.getByTestId('wallboard-stale')).toContainText(/Data from \d{1,2}:\d{2}.*reconnecting/);
    await expect(waiting).toHaveText('1');
    await page.screenshot({ path: 'test-results/wallboard-stale.png' });

    hub = await startHub({ port, host: '127.0.0.1', dataDir, demo: true });
    await expect(page.getByTestId('wallboard-stale')).toHaveCount(0, { timeout: 30_000 });
    await postHandoff(hub.url, handoffEnvelope());
    await expect(waiting).toHaveText('2');
    expect(await page.evaluate(() => window.__wallboardLoadedAt)).toBe(loadedAt);
  } finally {
    await hub.close();
  }
});
