import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

/**
 * Capacity and presence as the agent sees them in the inbox, against a real hub in browser mode:
 * what counts towards their load, what stays in their list, and what their status says.
 */
type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

const SCREENSHOTS = 'test-results/screenshots';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];
let hub: RunningHub;
let station: Workstation;
let isHubClosed = false;

test.beforeEach(async () => {
  hub = await startTestHub();
  isHubClosed = false;
  station = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterEach(async () => {
  await station.close();
  if (!isHubClosed) await hub.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

async function asSupervisor(path: string): Promise<void> {
  const session = await fetch(`${hub.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'supervisor@demo', password: 'demo' }),
  });
  const { token } = (await session.json()) as { token: string };
  const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
}

async function acceptOffer(page: Page, customer: string): Promise<void> {
  await page.getByTestId('inbox-row').filter({ hasText: customer }).click();
  await page.getByTestId('handoff-card').getByTestId('accept-button').click();
  await expect(page.getByTestId('conversation-state')).toHaveText('Active');
}

test('a chat a supervisor took over leaves the agent’s Active list and load, and stays readable under Earlier', async ({ page }) => {
  await openSignedIn(page, station.url, 'agent@demo');
  const maria = await postHandoff(hub.url, handoffEnvelope());
  await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Jonas Weber' } }));
  await acceptOffer(page, 'Maria Okafor');
  await acceptOffer(page, 'Jonas Weber');
  await expect(page.getByTestId('agent-capacity')).toHaveText('2 of 3 chats');

  await asSupervisor(`/v1/conversations/${maria}/take-over`);
  await expect(page.getByTestId('agent-capacity')).toHaveText('1 of 3 chats');
  await expect(page.getByTestId('inbox-section-active')).toContainText('1');
  const active = page.locator('section', { has: page.getByTestId('inbox-section-active') });
  await expect(active.getByTestId('inbox-row')).toHaveText([/Jonas Weber/]);
  const earlier = page.locator('section', { has: page.getByTestId('inbox-section-other') });
  await expect(earlier.getByTestId('inbox-row')).toHaveText([/Maria Okafor/]);
  await shoot(page, 'floor-taken-over');
});

test('an offer the agent declined leaves their inbox instead of piling up under Earlier', async ({ page }) => {
  await openSignedIn(page, station.url, 'agent@demo');
  await postHandoff(hub.url, handoffEnvelope());
  await page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' }).click();
  await page.getByTestId('decline-button').click();
  await page.getByTestId('decline-confirm').click();
  // The next handoff is the sentinel: once it is listed, the declined one has had its chance to show.
  await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Jonas Weber' } }));
  await expect(page.getByTestId('inbox-row')).toHaveText([/Jonas Weber/]);
  await expect(page.getByTestId('inbox-section-other')).toHaveCount(0);
});

test('an agent whose workstation lost the hub shows as Offline, not Available', async ({ page }) => {
  await openSignedIn(page, station.url, 'agent@demo');
  await expect(page.getByTestId('presence-switch')).toHaveText(/Available/);
  await hub.close();
  isHubClosed = true;
  await expect(page.getByTestId('presence-offline')).toHaveText(/Offline/);
  await expect(page.getByTestId('presence-switch')).toHaveCount(0);
  await shoot(page, 'floor-agent-offline');
});
