import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_WALLBOARD_TOKEN } from '../../src/hub/demo/seed';
import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, startTestHub } from './support/stack';

/** The wall screen as it hangs on the wall: every page whole on a 1080p and a 768p screen, every queue on it. */
const SCREENSHOTS = 'test-results/screenshots';
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];
let hub: RunningHub;

test.beforeEach(async () => {
  hub = await startTestHub();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterEach(async () => {
  await hub.close();
});

/** Which page shows, whether anything scrolls, and what lies outside the screen. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const { innerWidth, innerHeight } = window;
    const outside = [...document.querySelectorAll('.wallboard *')].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && (box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5);
    });
    return {
      page: document.querySelector('.wallboard')?.getAttribute('data-page'),
      scrolls: document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth,
      outside: outside.map((element) => element.className || element.tagName),
    };
  });

test('every wallboard page fits the screen at 1920×1080 and 1366×768, with every queue of the screen', async ({ browser }) => {
  test.setTimeout(90_000);
  await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Maria Okafor' } }));
  await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Jonas Weber' }, routing: { queue: 'billing', priority: 2, channel: 'web' } }));
  const page = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
  // Pages turn every 5 s: each check waits for the page it is about.
  await page.goto(`${hub.url}/wallboard?token=${DEMO_WALLBOARD_TOKEN}&rotate=5`);

  for (const queue of ['support', 'billing', 'fraud']) await expect(page.getByTestId(`wallboard-queue-${queue}`)).toBeVisible();
  await expect(page.getByTestId('wallboard-queue-billing').getByTestId('queue-waiting')).toHaveText('1');
  for (const name of ['queues', 'kpis']) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect.poll(() => measure(page), { timeout: 15_000 }).toEqual({ page: name, scrolls: false, outside: [] });
      await page.screenshot({ path: `${SCREENSHOTS}/wallboard-${name}-${size.width}x${size.height}.png` });
    }
  }
  await expect(page.getByTestId('kpi-handoffs')).toHaveText('2', { timeout: 15_000 });
});
