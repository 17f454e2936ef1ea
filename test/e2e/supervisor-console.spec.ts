import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { hashPassword } from '../../src/hub/auth/passwords';
import { DEMO_PASSWORD } from '../../src/hub/demo/seed';
import type { RunningHub } from '../../src/hub/server';
import { createHandlers } from '../../src/main/core/handlers';
import { recordingNotifier, signInThroughUi, startTestHub, startTestWorkstation } from './support/stack';

/**
 * The supervisor console against a real hub: one agent workstation, two supervisor workstations
 * (two accounts, each with its own core and cache) and the demo customer chat served by the hub.
 * The steps run in order on one conversation, as a supervisor's shift would.
 */
test.describe.configure({ mode: 'serial' });

type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

let hub: RunningHub;
const workstations: Workstation[] = [];
let agentStation: Workstation;
let agent: Page;
let priya: Page;
let dana: Page;
let customer: Page;
let conversationId: string;

const SCREENSHOTS = 'test-results/screenshots';
const consoles = () => [priya, dana];
const monitorTranscript = (page: Page) => page.getByTestId('monitor-transcript');
const customerLog = () => customer.getByTestId('chat-log');
const agentTranscript = () => agent.getByTestId('transcript');

async function say(text: string): Promise<void> {
  const input = customer.getByTestId('chat-input');
  await input.fill(text);
  await input.press('Enter');
}

async function newPage(browser: Browser): Promise<Page> {
  // One context each: the customer chat keeps its token in sessionStorage, workstations their own.
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  return context.newPage();
}

test.beforeAll(async ({ browser }) => {
  // The whole story up to an accepted chat (a hub, three workstations, four browser contexts, the
  // demo bot's handoff): a minute is not enough on a loaded two-core machine.
  test.setTimeout(120_000);
  hub = await startTestHub();
  // A second supervisor of the same queues, so two different people monitor the same chat.
  hub.hub.context.accounts.saveUser({
    id: 'u_supervisor2',
    email: 'supervisor2@demo',
    name: 'Dana Lead',
    role: 'supervisor',
    capacity: 0,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    queues: ['support', 'billing', 'fraud'],
  });
  for (let index = 0; index < 3; index += 1) workstations.push(await startTestWorkstation(hub.url, recordingNotifier().notifier));
  agentStation = workstations[0]!;
  [agent, priya, dana, customer] = await Promise.all([newPage(browser), newPage(browser), newPage(browser), newPage(browser)]);
  mkdirSync(SCREENSHOTS, { recursive: true });

  await signInThroughUi(agent, agentStation.url, 'agent@demo');
  await signInThroughUi(priya, workstations[1]!.url, 'supervisor@demo');
  await signInThroughUi(dana, workstations[2]!.url, 'supervisor2@demo');
  for (const page of consoles()) await expect(page.getByTestId('supervisor-console')).toBeVisible();

  // The customer meets the demo bot, which fails twice and hands off to a person.
  await customer.goto(`${hub.url}/chat`);
  await customer.getByLabel('Your name').fill('Zoë Brontë');
  await customer.getByRole('button', { name: 'Start chat' }).click();
  await say('my hamster chewed the router cable');
  await expect(customerLog()).toContainText("Sorry, I didn't understand that");
  await say('the light is purple now');
  await expect(customer.getByTestId('chat-status')).toContainText('transferred to a person');

  const row = agent.getByTestId('inbox-row').filter({ hasText: 'Zoë Brontë' });
  await row.click();
  await agent.getByTestId('accept-button').click();
  await expect(agentTranscript()).toContainText('my hamster chewed the router cable');
  conversationId = (await agent.getByTestId('conversation').getAttribute('data-conversation-id'))!;
  expect(conversationId).toBeTruthy();
});

test.afterAll(async () => {
  for (const page of [agent, priya, dana, customer]) await page?.context().close();
  for (const station of workstations) await station.close();
  await hub?.close();
});

test('two supervisors monitor the same chat: both see new turns live and the agent typing', async () => {
  for (const page of consoles()) {
    const radarRow = page.getByTestId('radar-row').filter({ hasText: 'Zoë Brontë' });
    // The radar names who has the customer.
    await expect(radarRow).toContainText('Alex Agent');
    await expect(radarRow.getByTestId('risk-reason').first()).toBeVisible();
    await radarRow.getByTestId('monitor-button').click();
    await expect(page.getByTestId('monitor-panel')).toHaveAttribute('data-conversation-id', conversationId);
    await expect(monitorTranscript(page)).toContainText('the light is purple now');
  }

  const composer = agent.getByTestId('composer-input');
  await composer.fill('Hi Zoë, I can help with the router.');
  await composer.press('Enter');
  await expect(customerLog()).toContainText('Hi Zoë, I can help with the router.');
  await say('It is a TP-Link, the light went purple');
  for (const page of consoles()) {
    await expect(monitorTranscript(page).getByTestId('monitor-turn').filter({ hasText: 'Hi Zoë, I can help with the router.' })).toHaveAttribute('data-author', 'agent');
    await expect(monitorTranscript(page).getByTestId('monitor-turn').filter({ hasText: 'It is a TP-Link' })).toHaveAttribute('data-author', 'customer');
  }

  // The agent composer does not send the typing signal yet (agent workspace, H5): the signal goes
  // through the agent workstation's own IPC handler, the channel the composer is to call.
  await composer.fill('Let me check');
  const typing = await createHandlers(agentStation.core)['conversations:typing']({ id: conversationId });
  expect(typing).toBeNull();
  for (const page of consoles()) await expect(page.getByTestId('agent-typing')).toHaveText('Agent is typing…');
  // Monitoring is silent: neither the customer nor the agent is told.
  await expect(customerLog()).not.toContainText('Priya');
  await expect(agentTranscript()).not.toContainText('Priya');

  await priya.screenshot({ path: `${SCREENSHOTS}/supervisor-console.png`, fullPage: true });
  await priya.getByTestId('console-queues').screenshot({ path: `${SCREENSHOTS}/supervisor-queues.png` });
  await priya.getByTestId('console-agents').screenshot({ path: `${SCREENSHOTS}/supervisor-agents.png` });
  await priya.getByTestId('escalation-radar').screenshot({ path: `${SCREENSHOTS}/supervisor-radar.png` });
  await priya.getByTestId('monitor-panel').screenshot({ path: `${SCREENSHOTS}/supervisor-monitor.png` });
});

test('a whisper reaches the agent and both consoles watching', async () => {
  await priya.getByTestId('whisper-input').fill('Offer the goodwill voucher.');
  await priya.getByTestId('whisper-send').click();

  await expect(agentTranscript().getByTestId('turn').filter({ hasText: 'Offer the goodwill voucher.' })).toHaveAttribute('data-author', 'supervisor');
  for (const page of consoles()) {
    await expect(monitorTranscript(page).getByTestId('monitor-turn').filter({ hasText: 'Offer the goodwill voucher.' })).toHaveAttribute('data-author', 'supervisor');
  }
});

test('the whisper is marked as a whisper for the agent and on the consoles', async () => {
  const whisperOn = (transcript: Locator) => transcript.locator('[data-whisper="true"]').filter({ hasText: 'Offer the goodwill voucher.' });
  await expect(whisperOn(agentTranscript())).toBeVisible();
  await expect(whisperOn(agentTranscript()).getByTestId('turn-whisper')).toContainText('Whisper from Priya Supervisor');
  for (const page of consoles()) await expect(whisperOn(monitorTranscript(page))).toBeVisible();
});

test('the customer never sees the whisper, live or after reloading the chat', async () => {
  // Something the agent sends after the whisper has reached the customer, so the whisper had its chance.
  await agent.getByTestId('composer-input').fill('Here is a voucher for the trouble.');
  await agent.getByTestId('composer-input').press('Enter');
  await expect(customerLog()).toContainText('Here is a voucher for the trouble.');
  await expect(customerLog()).not.toContainText('Offer the goodwill voucher.');
  await customer.reload();
  await expect(customerLog()).toContainText('Here is a voucher for the trouble.');
  await expect(customerLog()).not.toContainText('Offer the goodwill voucher.');
});

test("an agent's flag appears on both consoles, is acknowledged by keyboard, and the agent sees the answer", async () => {
  await agent.getByTestId('action-flag').click();
  await agent.getByTestId('flag-note').fill('Customer wants compensation above my limit');
  await agent.getByTestId('flag-submit').click();
  await expect(agent.getByTestId('action-done')).toContainText('Flag raised');

  for (const page of consoles()) {
    await expect(page.getByTestId('agent-row').filter({ hasText: 'Alex Agent' })).toContainText('1 flag');
    await expect(page.getByTestId('flag-answer')).toContainText('Customer wants compensation above my limit');
  }
  await priya.getByTestId('monitor-panel').screenshot({ path: `${SCREENSHOTS}/supervisor-flag.png` });

  // Alt+A acknowledges the oldest open flag of the watched chat.
  await priya.locator('body').press('Alt+KeyA');
  await expect(agentTranscript()).toContainText('Priya Supervisor (supervisor) saw your flag: “Customer wants compensation above my limit”');
  for (const page of consoles()) {
    await expect(page.getByTestId('flag-answer')).toHaveCount(0);
    await expect(page.getByTestId('agent-row').filter({ hasText: 'Alex Agent' })).not.toContainText('flag');
  }
  await expect(customerLog()).not.toContainText('saw your flag');
});

test('a barge reaches the customer labelled as a supervisor, who can then write to them', async () => {
  await dana.getByTestId('barge-button').click();
  await expect(customerLog()).toContainText('Dana Lead (supervisor) joined the chat.');
  await dana.getByTestId('supervisor-reply-input').fill('Hello Zoë, I lead the team here.');
  await dana.getByTestId('supervisor-reply-send').click();

  const turn = customerLog().locator('[data-author="supervisor"]').filter({ hasText: 'Hello Zoë, I lead the team here.' });
  await expect(turn).toBeVisible();
  await expect(turn.locator('.turn__author')).toHaveText('Dana Lead');
  // Priya has not barged in: no reply box for her.
  await expect(priya.getByTestId('supervisor-reply')).toHaveCount(0);
  await expect(agentTranscript().getByTestId('turn').filter({ hasText: 'Hello Zoë, I lead the team here.' })).toHaveAttribute('data-author', 'supervisor');
});

test('take-over moves ownership to the supervisor: the agent is told and the consoles show the new owner', async () => {
  await priya.getByTestId('take-over-button').focus();
  await priya.keyboard.press('Enter');

  for (const page of consoles()) await expect(page.getByTestId('monitor-owner')).toContainText('Priya Supervisor (supervisor)');
  await expect(agent.getByTestId('conversation-read-only')).toContainText('Handled by Priya Supervisor');
  await expect(agentTranscript()).toContainText('Priya Supervisor (supervisor) took over this conversation.');
  await expect(agent.getByTestId('composer-input')).toHaveCount(0);

  await priya.getByTestId('supervisor-reply-input').fill('I will sort the refund myself.');
  await priya.getByTestId('supervisor-reply-send').click();
  await expect(customerLog()).toContainText('I will sort the refund myself.');
  await priya.screenshot({ path: `${SCREENSHOTS}/supervisor-console-taken-over.png`, fullPage: true });
});

test('the handoff-quality tab shows the figures from the hub, drills into the conversations and opens a journey', async () => {
  await priya.getByTestId('console-tab-quality').click();
  const handoffs = priya.getByRole('button', { name: /^Handoffs: \d+, show conversations$/ });
  await expect(handoffs).toBeVisible();
  await handoffs.click();
  const drill = priya.getByRole('complementary', { name: 'Conversations behind the figure' });
  await drill.getByRole('button').filter({ hasText: 'support' }).first().click();
  const journey = priya.getByTestId('journey');
  await expect(journey).toContainText('Handed off to support');
  await expect(journey).toContainText('Priya Supervisor stepped in (take over)');
  await priya.screenshot({ path: `${SCREENSHOTS}/supervisor-handoff-quality.png`, fullPage: true });
  await priya.getByTestId('console-tab-live').click();
  await expect(priya.getByTestId('supervisor-console')).toBeVisible();
});
