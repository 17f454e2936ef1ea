import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startHub, type RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestWorkstation, tempDir } from './support/stack';

/**
 * Presence as an agent uses it through a shift, against a real hub in browser mode configured
 * with a one-minute wrap-up: away with a reason, and a wrap-up after each chat they close that
 * keeps new chats off them until it ends or they end it.
 */
type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

const SCREENSHOTS = 'test-results/screenshots';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];
let hub: RunningHub;
let station: Workstation;

test.beforeEach(async () => {
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: true, presence: { wrapUpMs: 60_000 } });
  station = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterEach(async () => {
  await station.close();
  await hub.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

/** The conversation's state as the hub holds it, read by the supervisor: routing has decided by the time the handoff is answered. */
async function stateOnHub(conversationId: string): Promise<string> {
  const session = await fetch(`${hub.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'supervisor@demo', password: 'demo' }),
  });
  const { token } = (await session.json()) as { token: string };
  const response = await fetch(`${hub.url}/v1/conversations/${conversationId}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { state: string }).state;
}

test('an agent goes away for lunch from a list of reasons, gets no chat meanwhile, and gets it when back', async ({ page }) => {
  await openSignedIn(page, station.url, 'agent@demo');
  const reasons = page.getByTestId('away-reason');
  await expect(reasons.getByRole('option')).toHaveText(['Away for…', 'Break', 'Lunch', 'Meeting', 'Training']);
  await reasons.selectOption('Lunch');
  const presence = page.getByTestId('presence-switch');
  await expect(presence).toHaveText(/^Away · Lunch/);
  await expect(presence).toHaveAttribute('aria-checked', 'false');
  await shoot(page, 'presence-away-lunch');

  const id = await postHandoff(hub.url, handoffEnvelope());
  expect(await stateOnHub(id)).toBe('queued');
  await page.setViewportSize(SIZES[0]!);
  await presence.click();
  await expect(presence).toHaveText(/^Available/);
  await expect(page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' })).toHaveAttribute('data-state', 'offered');
});

test('closing a chat starts the wrap-up: no new chat is offered until the agent ends it', async ({ page }) => {
  await openSignedIn(page, station.url, 'agent@demo');
  await postHandoff(hub.url, handoffEnvelope());
  await page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' }).click();
  await page.getByTestId('handoff-card').getByTestId('accept-button').click();
  await expect(page.getByTestId('conversation-state')).toHaveText('Active');
  await page.keyboard.press('Alt+r');
  await page.getByTestId('resolve-submit').click();
  await expect(page.getByTestId('conversation-state')).toHaveText('Resolved');

  const presence = page.getByTestId('presence-switch');
  await expect(presence).toHaveText(/^Wrap-up · \d+ s left/);
  const next = await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Jonas Weber' } }));
  expect(await stateOnHub(next)).toBe('queued');
  await shoot(page, 'presence-wrap-up');

  await page.setViewportSize(SIZES[0]!);
  await page.getByTestId('end-wrap-up').click();
  await expect(presence).toHaveText(/^Available/);
  await expect(page.getByTestId('inbox-row').filter({ hasText: 'Jonas Weber' })).toHaveAttribute('data-state', 'offered');
});
