import { expect, test } from '@playwright/test';
import { DEMO_WALLBOARD_TOKEN } from '../../src/hub/demo/seed';
import type { RunningHub } from '../../src/hub/server';
import { FIGURE_DEFINITIONS } from '../../src/shared/floor-figures';
import { SERVICE_LEVEL_DEFINITION } from '../../src/shared/service-level';
import { recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

/** Each figure on the console and the wallboard explains itself on hover, in the words src/shared defines once. */
let hub: RunningHub;
let station: Awaited<ReturnType<typeof startTestWorkstation>>;

test.beforeEach(async () => {
  hub = await startTestHub();
  station = await startTestWorkstation(hub.url, recordingNotifier().notifier);
});
test.afterEach(async () => {
  await station.close();
  await hub.close();
});

test('every figure heading on the console and the wallboard carries its one shared definition', async ({ browser }) => {
  const priya = await (await browser.newContext()).newPage();
  await openSignedIn(priya, station.url, 'supervisor@demo');
  const queues = priya.getByTestId('console-queues');
  const heading = (name: string) => queues.getByRole('columnheader', { name, exact: true });
  await expect(heading('Waiting')).toHaveAttribute('title', FIGURE_DEFINITIONS.waiting);
  await expect(heading('Longest wait')).toHaveAttribute('title', FIGURE_DEFINITIONS.longestWait);
  await expect(heading('Service level')).toHaveAttribute('title', SERVICE_LEVEL_DEFINITION);
  await expect(heading('Abandoned today')).toHaveAttribute('title', FIGURE_DEFINITIONS.abandonedToday);
  const agents = priya.getByTestId('agents-head');
  await expect(agents.getByText('Time in state')).toHaveAttribute('title', FIGURE_DEFINITIONS.timeInState);
  await expect(agents.getByText('Chats')).toHaveAttribute('title', FIGURE_DEFINITIONS.agentChats);

  const wallboard = await (await browser.newContext()).newPage();
  await wallboard.goto(`${hub.url}/wallboard?token=${DEMO_WALLBOARD_TOKEN}&rotate=5`);
  const boardHeading = (name: string) => wallboard.getByRole('columnheader', { name, exact: true });
  await expect(boardHeading('Waiting')).toHaveAttribute('title', FIGURE_DEFINITIONS.waiting);
  await expect(boardHeading('Longest wait')).toHaveAttribute('title', FIGURE_DEFINITIONS.longestWait);
  await expect(boardHeading('Service level')).toHaveAttribute('title', SERVICE_LEVEL_DEFINITION);
  await expect(boardHeading('Abandoned today')).toHaveAttribute('title', FIGURE_DEFINITIONS.abandonedToday);
  await expect(wallboard.getByTestId('kpi-handoffs').locator('..')).toHaveAttribute('title', FIGURE_DEFINITIONS.handoffsToday, { timeout: 15_000 });
  await expect(wallboard.getByTestId('kpi-service-level').locator('..')).toHaveAttribute('title', SERVICE_LEVEL_DEFINITION);
  await expect(wallboard.getByTestId('kpi-failed-handovers').locator('..')).toHaveAttribute('title', FIGURE_DEFINITIONS.failedHandovers);
});
