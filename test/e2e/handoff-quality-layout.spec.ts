import { expect, test, type Locator } from '@playwright/test';
import { SCREENSHOTS, freshFloorPerTest } from './support/floor';
import { handoffEnvelope, postHandoff } from './support/stack';

/**
 * The handoff-quality tab at a supervisor's 1440 px: tables side by side without overlapping,
 * drill-downs opening where the click was, filters picked by name, times in the supervisor's zone.
 */
// A supervisor in Kolkata (UTC+5:30), so a time shown in UTC would be visibly wrong.
const floor = freshFloorPerTest({ timezoneId: 'Asia/Kolkata', viewport: { width: 1440, height: 900 } });
const { signedIn } = floor;

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not laid out');
  return box;
}

test('the quality tab fits 1440 px, drills down beside the click, picks filters by name and shows local times', async ({ browser }) => {
  test.setTimeout(120_000);
  const alex = await signedIn(browser, 'agent@demo');
  await postHandoff(floor.hub.url, handoffEnvelope({ customer: { name: 'Maria Okafor' } }));
  await alex.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' }).click();
  await alex.getByTestId('accept-button').click();
  await expect(alex.getByTestId('conversation-state')).toHaveText('Active');
  await alex.getByTestId('presence-switch').click();
  await expect(alex.getByTestId('presence-switch')).toHaveAttribute('aria-checked', 'false');
  await postHandoff(floor.hub.url, handoffEnvelope({ customer: { name: 'Jonas Weber' } }));

  const priya = await signedIn(browser, 'supervisor@demo');
  await priya.getByRole('tab', { name: 'Handoff quality' }).click();
  const failed = priya.getByRole('table', { name: /Failed handovers/ });
  await expect(failed.getByRole('row').filter({ hasText: 'still waiting' })).toHaveCount(1);

  // Filters are pickers of names; no internal id is offered.
  const agentPicker = priya.getByTestId('quality-filter-agent');
  await expect(agentPicker.getByRole('option', { name: 'Alex Agent' })).toHaveCount(1);
  await expect(agentPicker.getByRole('option')).not.toContainText(['u_agent']);
  await expect(priya.getByTestId('quality-filter-queue').getByRole('option', { name: 'Customer support' })).toHaveCount(1);

  // No two tables overlap, and none runs past its own cell.
  const wraps = priya.locator('.quality__table-wrap');
  const boxes = await Promise.all((await wraps.all()).map(boxOf));
  expect(boxes.length).toBeGreaterThanOrEqual(6);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const isApart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
      expect(isApart).toBe(true);
    }
  }
  for (const wrap of await wraps.all()) {
    const [wrapBox, tableBox] = [await boxOf(wrap), await boxOf(wrap.locator('table'))];
    const scrolls = await wrap.evaluate((element) => element.scrollWidth > element.clientWidth);
    expect(scrolls || tableBox.x + tableBox.width <= wrapBox.x + wrapBox.width + 0.5).toBe(true);
  }

  // The failed handover's time is the supervisor's local time, not UTC.
  const time = failed.getByTestId('failed-handover-time').first();
  const iso = (await time.getAttribute('datetime'))!;
  const local = await priya.evaluate((at) => new Date(at).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }), iso);
  await expect(time).toHaveText(local);
  expect(local).not.toContain(iso.slice(11, 16));

  // A drill-down opens right under the row of figures that was clicked, not past the charts and tables.
  const tile = priya.getByRole('button', { name: /^Handoffs: \d+, show conversations$/ });
  await tile.click();
  const drill = priya.getByTestId('quality-drill');
  await expect(drill).toBeVisible();
  const [tileBox, drillBox] = [await boxOf(tile), await boxOf(drill)];
  expect(drillBox.y - (tileBox.y + tileBox.height)).toBeLessThan(250);
  expect(drillBox.y).toBeLessThan(900);

  // A journey opened from the bottom of the page opens in view, beside the table.
  await failed.getByRole('row').filter({ hasText: 'still waiting' }).getByRole('button').click();
  const sheet = priya.getByTestId('journey-sheet');
  await expect(sheet.getByTestId('journey')).toContainText('Jonas Weber');
  const sheetBox = await boxOf(sheet);
  expect(sheetBox.y).toBeGreaterThanOrEqual(0);
  expect(sheetBox.y).toBeLessThan(900);
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await priya.setViewportSize(size);
    await priya.screenshot({ path: `${SCREENSHOTS}/quality-journey-sheet-${size.width}x${size.height}.png` });
  }
  await sheet.getByRole('button', { name: 'Close' }).click();
  await priya.getByRole('button', { name: 'Close' }).click();
  await agentPicker.selectOption({ label: 'Alex Agent' });
  await expect(priya.getByRole('table', { name: /By agent/ }).getByRole('row').filter({ hasText: 'Alex Agent' })).toHaveCount(1);
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await priya.setViewportSize(size);
    await priya.screenshot({ path: `${SCREENSHOTS}/quality-tab-${size.width}x${size.height}.png`, fullPage: true });
  }
});
