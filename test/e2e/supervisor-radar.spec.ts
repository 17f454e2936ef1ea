import { expect, test, type Page } from '@playwright/test';
import { RISK_SCORE_DEFINITION } from '../../src/renderer/features/supervisor/risk';
import { SCREENSHOTS, freshFloorPerTest } from './support/floor';
import { handoffEnvelope, postHandoff } from './support/stack';

/**
 * The escalation radar as a supervisor uses it, against a real hub in browser mode: a chat whose
 * agent raised a flag comes first, its "1 flag" chip opens the flag, the score says what it means,
 * and rows hold still while the pointer is on them.
 */
const floor = freshFloorPerTest();
const { signedIn } = floor;

async function accept(agent: Page, name: string): Promise<void> {
  await agent.getByTestId('inbox-row').filter({ hasText: name }).click();
  await agent.getByTestId('accept-button').click();
  await expect(agent.getByTestId('conversation-state')).toHaveText('Active');
}

test('a flagged chat tops the radar, its flag chip opens the flag, and rows hold still under the pointer', async ({ browser }) => {
  test.setTimeout(120_000);
  const alex = await signedIn(browser, 'agent@demo');
  const priya = await signedIn(browser, 'supervisor@demo');

  await postHandoff(floor.hub.url, handoffEnvelope({ customer: { name: 'Fiona Furious' }, sentiment: { score: -0.9, label: 'negative', source: 'bot' } }));
  await accept(alex, 'Fiona Furious');
  await postHandoff(
    floor.hub.url,
    handoffEnvelope({ customer: { name: 'Carl Calm' }, sentiment: { score: 0.4, label: 'positive', source: 'bot' }, reason: { kind: 'customer_requested' } }),
  );
  await accept(alex, 'Carl Calm');

  const rows = priya.getByTestId('radar-row');
  // Without flags the angry customer ranks first, and the score says what it measures.
  await expect(rows.first()).toContainText('Fiona Furious');
  await expect(priya.getByTestId('radar-legend')).toContainText('Score = risk 0–100');
  await expect(rows.first().getByTestId('risk-score')).toHaveAttribute('title', RISK_SCORE_DEFINITION);

  // The agent asks for help on the calm chat: it goes to the top, with a chip that says so.
  await alex.getByTestId('action-flag').click();
  await alex.getByTestId('flag-note').fill('Customer wants a refund above my limit');
  await alex.getByTestId('flag-submit').click();
  await expect(rows.first()).toContainText('Carl Calm');
  const chip = rows.first().getByTestId('risk-reason').filter({ hasText: '1 flag' });
  await expect(chip).toBeVisible();

  // The chip opens the flag, ready to answer.
  await chip.click();
  await expect(priya.getByTestId('monitor-panel')).toContainText('Monitoring Carl Calm');
  const flag = priya.getByTestId('flag-answer');
  await expect(flag).toContainText('Customer wants a refund above my limit');
  await expect(flag.getByRole('textbox')).toBeFocused();
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await priya.setViewportSize(size);
    await priya.screenshot({ path: `${SCREENSHOTS}/radar-flag-opened-${size.width}x${size.height}.png` });
  }

  // With the pointer on the radar, answering the flag does not move the rows; leaving it does.
  await priya.getByTestId('radar-rows').hover();
  await priya.locator('body').press('Alt+KeyA');
  await expect(flag).toHaveCount(0);
  await expect(rows.first().getByTestId('risk-reason').filter({ hasText: 'flag' })).toHaveCount(0);
  await expect(priya.getByTestId('radar-paused')).toHaveText('Order held while you point here.');
  await expect(rows.first()).toContainText('Carl Calm');
  await priya.mouse.move(5, 5);
  await expect(rows.first()).toContainText('Fiona Furious');
  await expect(priya.getByTestId('radar-paused')).toHaveText('');
});
