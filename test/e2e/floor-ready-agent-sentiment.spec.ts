import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

/**
 * The customer's sentiment follows what they write after the handoff, and the agent's card and the
 * supervisor's radar read the same figure the same way. An agent and a supervisor on two
 * workstations against one real hub, in browser mode.
 */
type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

const SCREENSHOTS = 'test-results/screenshots';
const WIDE = { width: 1440, height: 900 };
const SIZES = [WIDE, { width: 1280, height: 720 }];
let hub: RunningHub;
let agentStation: Workstation;
let supervisorStation: Workstation;

// Two workstations and two sign-ins before the customer writes.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async () => {
  hub = await startTestHub();
  agentStation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  supervisorStation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterEach(async () => {
  await agentStation.close();
  await supervisorStation.close();
  await hub.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

async function customerWrites(conversationId: string, messageId: string, text: string): Promise<void> {
  const response = await fetch(`${hub.url}/v1/conversations/${conversationId}/customer-messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
    body: JSON.stringify({ messageId, text }),
  });
  expect(response.status).toBe(201);
}

test('a customer who turns angry after the handoff reads negative on the agent’s card and on the supervisor’s radar', async ({ page, browser }) => {
  await openSignedIn(page, agentStation.url, 'agent@demo');
  const supervisorContext = await browser.newContext({ viewport: WIDE });
  const priya = await supervisorContext.newPage();
  await openSignedIn(priya, supervisorStation.url, 'supervisor@demo');

  const calm = handoffEnvelope({ sentiment: { score: 0.1, label: 'neutral', source: 'bot' }, reason: { kind: 'customer_requested' } });
  const id = await postHandoff(hub.url, calm);
  await page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' }).click();
  const cardSentiment = page.getByTestId('handoff-card').getByTestId('handoff-sentiment');
  await expect(cardSentiment).toContainText('neutral');
  const radarRow = priya.getByTestId('radar-row').filter({ hasText: 'Maria Okafor' });
  await expect(radarRow).toBeVisible();
  await expect(radarRow.getByTestId('risk-reason').filter({ hasText: 'Negative sentiment' })).toHaveCount(0);

  await customerWrites(id, 'angry-1', 'This is ridiculous… I have waited twenty minutes');
  await customerWrites(id, 'angry-2', 'PERSON. NOW. 😡');
  await expect(cardSentiment).toContainText('negative');
  await expect(cardSentiment).toContainText('derived');
  await expect(radarRow.getByTestId('risk-reason').filter({ hasText: 'Negative sentiment' })).toBeVisible();
  await shoot(page, 'sentiment-after-handoff-card');
  await shoot(priya, 'sentiment-after-handoff-radar');

  // Accepted, the conversation's own context reads the same figure.
  await page.setViewportSize(WIDE);
  await page.getByTestId('handoff-card').getByTestId('accept-button').click();
  await expect(page.getByTestId('conversation-context').getByTestId('handoff-sentiment')).toContainText('negative');
});
