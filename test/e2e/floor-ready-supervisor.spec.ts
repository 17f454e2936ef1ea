import { expect, test, type Page } from '@playwright/test';
import { DEMO_WALLBOARD_TOKEN } from '../../src/hub/demo/seed';
import { SERVICE_LEVEL_DEFINITION, serviceLevelDefinition, type ServiceLevelTarget } from '../../src/shared/service-level';
import { SCREENSHOTS, freshFloorPerTest } from './support/floor';
import { handoffEnvelope, postHandoff } from './support/stack';

/**
 * The figures a supervisor reads, against a real hub in browser mode: the console and the
 * wallboard give the same service level for the same floor, measured by the queue's own target,
 * and a customer left waiting past the target counts against it while they wait, not only once
 * someone answers.
 */
const floor = freshFloorPerTest();
const { signedIn } = floor;

async function shoot(page: Page, name: string, sizes: { width: number; height: number }[]): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

/** Sets a queue's service-level target through the admin API, as an admin would in Administration. */
async function setServiceLevel(queue: string, serviceLevel: ServiceLevelTarget): Promise<void> {
  const session = await fetch(`${floor.hub.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo', password: 'demo' }),
  });
  const { token } = (await session.json()) as { token: string };
  const response = await fetch(`${floor.hub.url}/v1/admin/queues/${queue}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ serviceLevel }),
  });
  expect(response.status).toBe(200);
}

test('the console and the wallboard agree on the service level against the queue’s own target, and a customer waiting past it counts against it', async ({ browser }) => {
  test.setTimeout(90_000);
  // A 15 s target (set by the admin) instead of the default minute: the miss comes in seconds.
  const target = { targetSeconds: 15, thresholdPercent: 80 };
  await setServiceLevel('support', target);
  const alex = await signedIn(browser, 'agent@demo');
  const priya = await signedIn(browser, 'supervisor@demo');
  const wallboard = await (await browser.newContext()).newPage();
  await wallboard.goto(`${floor.hub.url}/wallboard?token=${DEMO_WALLBOARD_TOKEN}&rotate=3600`);

  const consoleRow = priya.getByTestId('console-queues').locator('[data-queue="support"]');
  const consoleLevel = consoleRow.getByTestId('queue-service-level');
  const boardRow = wallboard.getByTestId('wallboard-queue-support');
  const boardLevel = boardRow.getByTestId('queue-service-level');

  // Both screens state the queue's goal as the admin set it.
  await expect(consoleRow.getByTestId('queue-service-goal')).toHaveText('/ 80% in 15 s');
  await expect(boardRow.getByTestId('queue-service-goal')).toHaveText('80% in 15 s');

  // Answered within seconds: both screens say every customer so far was answered in time.
  await postHandoff(floor.hub.url, handoffEnvelope());
  await alex.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' }).click();
  await alex.getByTestId('accept-button').click();
  await expect(alex.getByTestId('conversation-state')).toHaveText('Active');
  await expect(consoleLevel).toHaveText('100%');
  await expect(boardLevel).toHaveText('100%');

  // Nobody free to answer the next one: once it has waited past 15 s, it is a miss on both screens.
  await alex.getByTestId('presence-switch').click();
  await expect(alex.getByTestId('presence-switch')).toHaveAttribute('aria-checked', 'false');
  await postHandoff(floor.hub.url, handoffEnvelope({ customer: { name: 'Jonas Weber' } }));
  await expect(consoleRow.getByTestId('queue-waiting')).toHaveText('1');
  await expect(consoleLevel).toHaveText('50%', { timeout: 30_000 });
  await expect(boardLevel).toHaveText('50%', { timeout: 15_000 });

  // Each screen explains the figure the same way, on hover: the column in general, the queue's cell by its target.
  const consoleHeader = priya.getByTestId('console-queues').getByRole('columnheader', { name: 'Service level' });
  await expect(consoleHeader).toHaveAttribute('title', SERVICE_LEVEL_DEFINITION);
  await expect(wallboard.getByRole('columnheader', { name: 'Service level' })).toHaveAttribute('title', SERVICE_LEVEL_DEFINITION);
  await expect(consoleLevel.locator('..')).toHaveAttribute('title', serviceLevelDefinition(target));
  await expect(boardLevel.locator('..')).toHaveAttribute('title', serviceLevelDefinition(target));
  await consoleHeader.hover();
  await shoot(priya, 'floor-console-service-level', [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]);
  await shoot(wallboard, 'floor-wallboard-service-level', [
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
  ]);
});

test('the agents list names its columns, an offline agent shows no running timer, and a chat still waiting shows how long it has waited so far', async ({ browser }) => {
  test.setTimeout(90_000);
  const alex = await signedIn(browser, 'agent@demo');
  await alex.getByTestId('presence-switch').click();
  await expect(alex.getByTestId('presence-switch')).toHaveAttribute('aria-checked', 'false');
  const priya = await signedIn(browser, 'supervisor@demo');
  const agents = priya.getByTestId('console-agents');

  await expect(agents.getByTestId('agents-head')).toHaveText(/Agent\s*State\s*Time in state\s*Chats\s*Flags/);
  const away = agents.locator('[data-agent-id="u_agent"]');
  await expect(away).toHaveAttribute('data-state', 'away');
  await expect(away.getByTestId('agent-time-in-state')).toHaveText(/^\d+ s$|min/);
  const offline = agents.locator('[data-agent-id="u_agent3"]');
  await expect(offline).toHaveAttribute('data-state', 'offline');
  await expect(offline.getByTestId('agent-time-in-state')).toHaveText('—');
  await shoot(priya, 'floor-console-agents', [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]);

  // The only agent signed in is away, so the customer waits.
  await postHandoff(floor.hub.url, handoffEnvelope({ customer: { name: 'Jonas Weber' } }));
  await priya.getByRole('tab', { name: 'Handoff quality' }).click();
  const failed = priya.getByRole('table', { name: /Failed handovers/ });
  const waiting = failed.getByRole('row').filter({ hasText: 'still waiting' });
  await expect(waiting).toHaveCount(1);
  // The period runs to the end of today, hours away; the wait is seconds old and reads so.
  await expect(waiting.getByRole('cell').last()).toHaveText(/^\d{1,2} s$/);
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await priya.setViewportSize(size);
    await waiting.scrollIntoViewIfNeeded();
    await priya.screenshot({ path: `${SCREENSHOTS}/floor-quality-failed-handovers-${size.width}x${size.height}.png` });
  }
});
