import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startHub, type RunningHub } from '../../src/hub/server';
import { recordingNotifier, openSignedIn, startTestWorkstation, tempDir } from './support/stack';

/**
 * The supervisor's agents list against a real hub: when an agent goes away for a reason, the
 * supervisor reads the reason in that agent's row, as the agent reads it in their own status bar.
 */
type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

const SCREENSHOTS = 'test-results/screenshots';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];
let hub: RunningHub;
const stations: Workstation[] = [];

test.beforeEach(async () => {
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: true });
  for (let k = 0; k < 2; k += 1) stations.push(await startTestWorkstation(hub.url, recordingNotifier().notifier));
  mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterEach(async () => {
  for (const station of stations.splice(0)) await station.close();
  await hub.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

test('the supervisor sees why an agent is away in the agents list, and no reason once they are back', async ({ browser }) => {
  const agent = await (await browser.newContext()).newPage();
  const supervisor = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
  await openSignedIn(agent, stations[0]!.url, 'agent@demo');
  await openSignedIn(supervisor, stations[1]!.url, 'supervisor@demo');
  const row = supervisor.getByTestId('console-agents').getByTestId('agent-row').filter({ hasText: 'Alex Agent' });
  await expect(row.getByTestId('agent-state')).toHaveText(/^(available|busy)$/);

  await agent.getByTestId('away-reason').selectOption('Lunch');
  await expect(agent.getByTestId('presence-switch')).toHaveText(/^Away · Lunch/);
  await expect(row.getByTestId('agent-state')).toHaveText('away · Lunch');
  await expect(row.getByTestId('agent-state')).toHaveAttribute('title', 'Away · Lunch');
  await shoot(supervisor, 'supervisor-agent-away-reason');

  await agent.getByTestId('presence-switch').click();
  await expect(row.getByTestId('agent-state')).toHaveText('available');
});
