import { expect, test } from '@playwright/test';
import { SCREENSHOTS } from './support/floor';
import { customerLog, useConsoleFloor } from './support/console-floor';

/**
 * The supervisor console stepping into a chat, against a real hub: an agent's flag answered by
 * keyboard, a barge that lets a supervisor write to the customer, and a take-over that moves the
 * chat to the supervisor and shows up in the handoff-quality figures.
 */
const floor = useConsoleFloor();

test("an agent's flag appears on both consoles, is acknowledged by keyboard, and the agent sees the answer", async ({ browser }) => {
  const { agent, priya } = floor;
  const chat = await floor.acceptedChat(browser, 'Olu Adeyemi');
  for (const page of floor.consoles()) await floor.monitor(page, chat);
  await agent.getByTestId('action-flag').click();
  await agent.getByTestId('flag-note').fill('Customer wants compensation above my limit');
  await agent.getByTestId('flag-submit').click();
  await expect(agent.getByTestId('action-done')).toContainText('Flag raised');

  for (const page of floor.consoles()) {
    await expect(page.getByTestId('agent-row').filter({ hasText: 'Alex Agent' })).toContainText('1 flag');
    await expect(page.getByTestId('flag-answer')).toContainText('Customer wants compensation above my limit');
  }
  await priya.getByTestId('monitor-panel').screenshot({ path: `${SCREENSHOTS}/supervisor-flag.png` });

  // Alt+A acknowledges the oldest open flag of the watched chat.
  await priya.locator('body').press('Alt+KeyA');
  await expect(floor.agentTranscript()).toContainText('Priya Supervisor (supervisor) saw your flag: “Customer wants compensation above my limit”');
  for (const page of floor.consoles()) {
    await expect(page.getByTestId('flag-answer')).toHaveCount(0);
    await expect(page.getByTestId('agent-row').filter({ hasText: 'Alex Agent' })).not.toContainText('flag');
  }
  await expect(customerLog(chat)).not.toContainText('saw your flag');
});

test('a barge reaches the customer labelled as a supervisor, who can then write to them', async ({ browser }) => {
  const { priya, dana } = floor;
  const chat = await floor.acceptedChat(browser, 'Anya Petrova');
  for (const page of floor.consoles()) await floor.monitor(page, chat);
  await dana.getByTestId('barge-button').click();
  await expect(customerLog(chat)).toContainText('Dana Lead (supervisor) joined the chat.');
  await dana.getByTestId('supervisor-reply-input').fill('Hello Anya, I lead the team here.');
  await dana.getByTestId('supervisor-reply-send').click();

  const turn = customerLog(chat).locator('[data-author="supervisor"]').filter({ hasText: 'Hello Anya, I lead the team here.' });
  await expect(turn).toBeVisible();
  await expect(turn.locator('.turn__author')).toHaveText('Dana Lead');
  // Priya has not barged in: no reply box for her.
  await expect(priya.getByTestId('supervisor-reply')).toHaveCount(0);
  await expect(floor.agentTranscript().getByTestId('turn').filter({ hasText: 'Hello Anya, I lead the team here.' })).toHaveAttribute('data-author', 'supervisor');
});

test('take-over moves ownership to the supervisor: the agent is told, the consoles show the new owner, and the quality tab drills into it and opens its journey', async ({ browser }) => {
  const { agent, priya } = floor;
  const chat = await floor.acceptedChat(browser, 'Lars Berg');
  for (const page of floor.consoles()) await floor.monitor(page, chat);
  await floor.takeOver();

  for (const page of floor.consoles()) await expect(page.getByTestId('monitor-owner')).toContainText('Priya Supervisor (supervisor)');
  await expect(floor.agentTranscript()).toContainText('Priya Supervisor (supervisor) took over this conversation.');
  await expect(agent.getByTestId('composer-input')).toHaveCount(0);

  await priya.getByTestId('supervisor-reply-input').fill('I will sort the refund myself.');
  await priya.getByTestId('supervisor-reply-send').click();
  await expect(customerLog(chat)).toContainText('I will sort the refund myself.');
  await priya.screenshot({ path: `${SCREENSHOTS}/supervisor-console-taken-over.png`, fullPage: true });

  // The handoff-quality tab shows the figures from the hub and drills into the conversations behind them.
  await priya.getByTestId('console-tab-quality').click();
  const handoffs = priya.getByRole('button', { name: /^Handoffs: \d+, show conversations$/ });
  await expect(handoffs).toBeVisible();
  await handoffs.click();
  const drill = priya.getByRole('complementary', { name: 'Conversations behind the figure' });
  // The other tests' chats are resolved by now: the one still open is this test's.
  await drill.getByRole('button').filter({ hasText: 'support' }).filter({ hasNotText: 'resolved' }).first().click();
  const journey = priya.getByTestId('journey');
  await expect(journey).toContainText('Handed off to support');
  await expect(journey).toContainText('Priya Supervisor stepped in (take over)');
  await priya.screenshot({ path: `${SCREENSHOTS}/supervisor-handoff-quality.png`, fullPage: true });
  await priya.getByTestId('console-tab-live').click();
  await expect(priya.getByTestId('supervisor-console')).toBeVisible();
});
