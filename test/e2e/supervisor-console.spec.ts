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
 * The hub, workstations and signed-in consoles are shared; each test opens its own customer chat
 * up to an accepted handoff, so any one test runs alone (`-g`) or in any order.
 */
// Each test drives a customer through the demo bot to an accepted chat first: on a loaded two-core
// machine that alone can take most of a minute.
test.describe.configure({ timeout: 120_000 });

type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

interface Chat {
  customer: Page;
  name: string;
  conversationId: string;
}

let hub: RunningHub;
const workstations: Workstation[] = [];
let agentStation: Workstation;
let agent: Page;
let priya: Page;
let dana: Page;
const chats: Chat[] = [];

const SCREENSHOTS = 'test-results/screenshots';
const consoles = () => [priya, dana];
const monitorTranscript = (page: Page) => page.getByTestId('monitor-transcript');
const customerLog = (chat: Chat) => chat.customer.getByTestId('chat-log');
const agentTranscript = () => agent.getByTestId('transcript');

async function say(chat: Pick<Chat, 'customer'>, text: string): Promise<void> {
  const input = chat.customer.getByTestId('chat-input');
  await input.fill(text);
  await input.press('Enter');
}

async function newPage(browser: Browser): Promise<Page> {
  // One context each: the customer chat keeps its token in sessionStorage, workstations their own.
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  return context.newPage();
}

/** The customer meets the demo bot, which fails twice and hands off; Alex accepts and has the chat open. */
async function acceptedChat(browser: Browser, name: string): Promise<Chat> {
  const customer = await newPage(browser);
  await customer.goto(`${hub.url}/chat`);
  await customer.getByLabel('Your name').fill(name);
  await customer.getByRole('button', { name: 'Start chat' }).click();
  await say({ customer }, 'my hamster chewed the router cable');
  await expect(customer.getByTestId('chat-log')).toContainText("Sorry, I didn't understand that");
  await say({ customer }, 'the light is purple now');
  await expect(customer.getByTestId('chat-status')).toContainText('transferred to a person');

  await agent.getByTestId('inbox-row').filter({ hasText: name }).click();
  await agent.getByTestId('accept-button').click();
  await expect(agentTranscript()).toContainText('my hamster chewed the router cable');
  const conversation = agent.getByTestId('conversation');
  await expect(conversation).toHaveAttribute('data-conversation-id', /.+/);
  const chat = { customer, name, conversationId: (await conversation.getAttribute('data-conversation-id'))! };
  chats.push(chat);
  return chat;
}

/** Opens the chat in the console's monitor panel from the escalation radar. */
async function monitor(page: Page, chat: Chat): Promise<void> {
  const radarRow = page.getByTestId('radar-row').filter({ hasText: chat.name });
  // The radar names who has the customer.
  await expect(radarRow).toContainText('Alex Agent');
  await expect(radarRow.getByTestId('risk-reason').first()).toBeVisible();
  await radarRow.getByTestId('monitor-button').click();
  await expect(page.getByTestId('monitor-panel')).toHaveAttribute('data-conversation-id', chat.conversationId);
  await expect(monitorTranscript(page)).toContainText('the light is purple now');
}

/** Priya whispers to the agent of the chat she monitors; it reaches the agent's open transcript. */
async function whisper(text: string): Promise<void> {
  await priya.getByTestId('whisper-input').fill(text);
  await priya.getByTestId('whisper-send').click();
  await expect(agentTranscript().getByTestId('turn').filter({ hasText: text })).toHaveAttribute('data-author', 'supervisor');
}

test.beforeAll(async ({ browser }) => {
  // A hub, three workstations and three signed-in browser contexts: a minute is not enough on a
  // loaded two-core machine.
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
  [agent, priya, dana] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
  mkdirSync(SCREENSHOTS, { recursive: true });

  await signInThroughUi(agent, agentStation.url, 'agent@demo');
  await signInThroughUi(priya, workstations[1]!.url, 'supervisor@demo');
  await signInThroughUi(dana, workstations[2]!.url, 'supervisor2@demo');
  for (const page of consoles()) await expect(page.getByTestId('supervisor-console')).toBeVisible();
});

// Each test's chat is resolved by whoever holds it, so the agent's capacity is free for the next test.
test.afterEach(async () => {
  for (const chat of chats.splice(0)) {
    const record = hub.hub.context.conversations.get(chat.conversationId);
    const holder = record?.state === 'assigned' && record.assignedAgentId ? hub.hub.context.accounts.userById(record.assignedAgentId) : null;
    if (holder) hub.hub.context.service.resolve(holder, chat.conversationId, 'solved');
    await chat.customer.context().close();
  }
});

test.afterAll(async () => {
  for (const page of [agent, priya, dana]) await page?.context().close();
  for (const station of workstations) await station.close();
  await hub?.close();
});

test('two supervisors monitor the same chat: both see new turns live and the agent typing', async ({ browser }) => {
  const chat = await acceptedChat(browser, 'Zoë Brontë');
  for (const page of consoles()) await monitor(page, chat);

  const composer = agent.getByTestId('composer-input');
  await composer.fill('Hi Zoë, I can help with the router.');
  await composer.press('Enter');
  await expect(customerLog(chat)).toContainText('Hi Zoë, I can help with the router.');
  await say(chat, 'It is a TP-Link, the light went purple');
  for (const page of consoles()) {
    await expect(monitorTranscript(page).getByTestId('monitor-turn').filter({ hasText: 'Hi Zoë, I can help with the router.' })).toHaveAttribute('data-author', 'agent');
    await expect(monitorTranscript(page).getByTestId('monitor-turn').filter({ hasText: 'It is a TP-Link' })).toHaveAttribute('data-author', 'customer');
  }

  // The agent composer does not send the typing signal yet (agent workspace, H5): the signal goes
  // through the agent workstation's own IPC handler, the channel the composer is to call.
  await composer.fill('Let me check');
  const typing = await createHandlers(agentStation.core)['conversations:typing']({ id: chat.conversationId });
  expect(typing).toBeNull();
  for (const page of consoles()) await expect(page.getByTestId('agent-typing')).toHaveText('Agent is typing…');
  // Monitoring is silent: neither the customer nor the agent is told.
  await expect(customerLog(chat)).not.toContainText('Priya');
  await expect(agentTranscript()).not.toContainText('Priya');

  await priya.screenshot({ path: `${SCREENSHOTS}/supervisor-console.png`, fullPage: true });
  await priya.getByTestId('console-queues').screenshot({ path: `${SCREENSHOTS}/supervisor-queues.png` });
  await priya.getByTestId('console-agents').screenshot({ path: `${SCREENSHOTS}/supervisor-agents.png` });
  await priya.getByTestId('escalation-radar').screenshot({ path: `${SCREENSHOTS}/supervisor-radar.png` });
  await priya.getByTestId('monitor-panel').screenshot({ path: `${SCREENSHOTS}/supervisor-monitor.png` });
});

test('a whisper reaches the agent and both consoles watching', async ({ browser }) => {
  const chat = await acceptedChat(browser, 'Ines Okoro');
  for (const page of consoles()) await monitor(page, chat);
  await whisper('Offer the goodwill voucher.');
  for (const page of consoles()) {
    await expect(monitorTranscript(page).getByTestId('monitor-turn').filter({ hasText: 'Offer the goodwill voucher.' })).toHaveAttribute('data-author', 'supervisor');
  }
});

test('the whisper is marked as a whisper for the agent and on the consoles', async ({ browser }) => {
  const chat = await acceptedChat(browser, 'Tomás Ruiz');
  for (const page of consoles()) await monitor(page, chat);
  await whisper('Check the warranty date first.');
  const whisperOn = (transcript: Locator) => transcript.locator('[data-whisper="true"]').filter({ hasText: 'Check the warranty date first.' });
  await expect(whisperOn(agentTranscript())).toBeVisible();
  await expect(whisperOn(agentTranscript()).getByTestId('turn-whisper')).toContainText('Whisper from Priya Supervisor');
  for (const page of consoles()) await expect(whisperOn(monitorTranscript(page))).toBeVisible();
});

test('the customer never sees the whisper, live or after reloading the chat', async ({ browser }) => {
  const chat = await acceptedChat(browser, 'Mei Chen');
  await monitor(priya, chat);
  await whisper('Offer the goodwill voucher.');
  // Something the agent sends after the whisper has reached the customer, so the whisper had its chance.
  await agent.getByTestId('composer-input').fill('Here is a voucher for the trouble.');
  await agent.getByTestId('composer-input').press('Enter');
  await expect(customerLog(chat)).toContainText('Here is a voucher for the trouble.');
  await expect(customerLog(chat)).not.toContainText('Offer the goodwill voucher.');
  await chat.customer.reload();
  await expect(customerLog(chat)).toContainText('Here is a voucher for the trouble.');
  await expect(customerLog(chat)).not.toContainText('Offer the goodwill voucher.');
});

test("an agent's flag appears on both consoles, is acknowledged by keyboard, and the agent sees the answer", async ({ browser }) => {
  const chat = await acceptedChat(browser, 'Olu Adeyemi');
  for (const page of consoles()) await monitor(page, chat);
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
  await expect(customerLog(chat)).not.toContainText('saw your flag');
});

test('a barge reaches the customer labelled as a supervisor, who can then write to them', async ({ browser }) => {
  const chat = await acceptedChat(browser, 'Anya Petrova');
  for (const page of consoles()) await monitor(page, chat);
  await dana.getByTestId('barge-button').click();
  await expect(customerLog(chat)).toContainText('Dana Lead (supervisor) joined the chat.');
  await dana.getByTestId('supervisor-reply-input').fill('Hello Anya, I lead the team here.');
  await dana.getByTestId('supervisor-reply-send').click();

  const turn = customerLog(chat).locator('[data-author="supervisor"]').filter({ hasText: 'Hello Anya, I lead the team here.' });
  await expect(turn).toBeVisible();
  await expect(turn.locator('.turn__author')).toHaveText('Dana Lead');
  // Priya has not barged in: no reply box for her.
  await expect(priya.getByTestId('supervisor-reply')).toHaveCount(0);
  await expect(agentTranscript().getByTestId('turn').filter({ hasText: 'Hello Anya, I lead the team here.' })).toHaveAttribute('data-author', 'supervisor');
});

/** Priya takes the chat she monitors over by keyboard; the agent is told and can no longer write. */
async function takeOver(): Promise<void> {
  await priya.getByTestId('take-over-button').focus();
  await priya.keyboard.press('Enter');
  await expect(agent.getByTestId('conversation-read-only')).toContainText('Handled by Priya Supervisor');
}

test('take-over moves ownership to the supervisor: the agent is told and the consoles show the new owner', async ({ browser }) => {
  const chat = await acceptedChat(browser, 'Lars Berg');
  for (const page of consoles()) await monitor(page, chat);
  await takeOver();

  for (const page of consoles()) await expect(page.getByTestId('monitor-owner')).toContainText('Priya Supervisor (supervisor)');
  await expect(agentTranscript()).toContainText('Priya Supervisor (supervisor) took over this conversation.');
  await expect(agent.getByTestId('composer-input')).toHaveCount(0);

  await priya.getByTestId('supervisor-reply-input').fill('I will sort the refund myself.');
  await priya.getByTestId('supervisor-reply-send').click();
  await expect(customerLog(chat)).toContainText('I will sort the refund myself.');
  await priya.screenshot({ path: `${SCREENSHOTS}/supervisor-console-taken-over.png`, fullPage: true });
});

test('the handoff-quality tab shows the figures from the hub, drills into the conversations and opens a journey', async ({ browser }) => {
  const chat = await acceptedChat(browser, 'Rosa Lima');
  await monitor(priya, chat);
  await takeOver();

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
