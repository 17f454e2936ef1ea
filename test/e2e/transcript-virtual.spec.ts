import { expect, test, type Page } from '@playwright/test';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

const TURNS = 600;
/** One wheel fling: about ten screens of this transcript. */
const FLING_PX = 4000;

/** Texts of mixed length: one line, a wrapped paragraph, several lines; the row heights differ. */
function turnText(i: number): string {
  if (i % 7 === 3) return `turn ${i + 1}: ${'the parcel still shows as in transit on the tracking page, '.repeat(4)}`;
  if (i % 11 === 5) return `turn ${i + 1}:\nfirst line\nsecond line\nthird line`;
  return `turn ${i + 1} of a long chat`;
}

/** The rendered rows on screen (inside the transcript's view), by position in the conversation. */
const rowsInView = (page: Page) =>
  page.getByRole('region', { name: 'Transcript' }).evaluate((region) => {
    const view = region.getBoundingClientRect();
    return [...region.querySelectorAll('[data-testid="turn"]')]
      .map((row) => ({ index: Number(row.getAttribute('data-index')), top: row.getBoundingClientRect().top, bottom: row.getBoundingClientRect().bottom }))
      .filter((row) => row.bottom > view.top && row.top < view.bottom)
      .sort((a, b) => a.index - b.index);
  });

/**
 * What the agent sees, once the list has settled after a scroll: consecutive turns one below the
 * other, no turn missing between them and none drawn over another; and only a window of the 600 in the page.
 */
async function expectRowsInOrderWithoutOverlap(page: Page): Promise<void> {
  await expect(async () => {
    const rows = await rowsInView(page);
    expect(rows.length).toBeGreaterThan(2);
    for (let i = 1; i < rows.length; i += 1) {
      const [above, below] = [rows[i - 1]!, rows[i]!];
      expect(below.index).toBe(above.index + 1);
      expect(Math.abs(below.top - above.bottom)).toBeLessThan(1);
    }
  }).toPass({ timeout: 5_000 });
  expect(await page.getByTestId('turn').count()).toBeLessThan(100);
}

// A 600-turn handoff is enriched and synced before the scroll starts; with two spec files at once on
// two cores that alone can take most of a minute.
test.describe.configure({ timeout: 120_000 });

test('a 600-turn transcript opens on its newest turn, scrolls to its first, and its rows never overlap on the way', async ({ page }) => {
  const hub = await startTestHub();
  const workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  try {
    await openSignedIn(page, workstation.url);
    const start = Date.parse('2026-11-20T09:00:00Z');
    const transcript = Array.from({ length: TURNS }, (_, i) => ({
      id: `t${i + 1}`,
      at: new Date(start + i * 1000).toISOString(),
      author: i % 2 === 0 ? 'customer' : 'bot',
      text: turnText(i),
    }));
    await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Very Long Chat' }, transcript, reason: { kind: 'customer_requested' } }));
    await page.getByTestId('inbox-row').filter({ hasText: 'Very Long Chat' }).click();
    await page.getByTestId('accept-button').click();
    const list = page.getByTestId('transcript');
    await expect(list).toHaveAttribute('data-virtualised', 'true');

    const newest = page.getByTestId('turn-text').filter({ hasText: new RegExp(`^turn ${TURNS}\\b`) });
    await expect(newest).toBeInViewport();
    await expectRowsInOrderWithoutOverlap(page);

    // Wheel up in flings, back to back as a hand sends them, enough to cover the whole height: rows
    // are mounted and measured on the way, and the first turn must then be on screen. Retrying each
    // fling with a back-off would measure the test's waits, not the list.
    const region = page.getByRole('region', { name: 'Transcript' });
    const box = await region.boundingBox();
    if (!box) throw new Error('the transcript is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const first = page.getByTestId('turn-text').filter({ hasText: /^turn 1 of a long chat$/ });
    const height = await region.evaluate((element) => element.scrollHeight);
    for (let fling = 0; fling < Math.ceil(height / FLING_PX) + 2; fling += 1) await page.mouse.wheel(0, -FLING_PX);
    await expect(first).toBeInViewport();
    await expectRowsInOrderWithoutOverlap(page);

    // Half way down again by keyboard, the rows in view are still in order.
    await region.focus();
    for (let i = 0; i < 20; i += 1) await page.keyboard.press('PageDown');
    await expect(first).not.toBeInViewport();
    await expectRowsInOrderWithoutOverlap(page);
  } finally {
    await workstation.close();
    await hub.close();
  }
});
