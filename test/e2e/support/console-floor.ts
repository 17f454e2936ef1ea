import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { hashPassword } from '../../../src/hub/auth/passwords';
import { DEMO_PASSWORD } from '../../../src/hub/demo/seed';
import type { RunningHub } from '../../../src/hub/server';
import { SCREENSHOTS } from './floor';
import { recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './stack';

/**
 * The supervisor console's floor for one spec file: a real hub, one agent workstation (Alex) and two
 * supervisor workstations (Priya and Dana, each with its own core and cache), all signed in once
 * before the file's tests. Each test opens its own customer chat through the demo bot up to an
 * accepted handoff, and that chat is resolved after it, so any one test runs alone (`-g`) or in any order.
 */
type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

export interface Chat {
  customer: Page;
  name: string;
  conversationId: string;
}

async function newPage(browser: Browser): Promise<Page> {
  // One context each: the customer chat keeps its token in sessionStorage, workstations their own.
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  return context.newPage();
}

export async function say(chat: Pick<Chat, 'customer'>, text: string): Promise<void> {
  const input = chat.customer.getByTestId('chat-input');
  await input.fill(text);
  await input.press('Enter');
}

export const monitorTranscript = (page: Page) => page.getByTestId('monitor-transcript');
export const customerLog = (chat: Chat) => chat.customer.getByTestId('chat-log');

export function useConsoleFloor() {
  // Each test drives a customer through the demo bot to an accepted chat first: on a loaded two-core
  // machine that alone can take most of a minute.
  test.describe.configure({ timeout: 120_000 });

  let hub: RunningHub | undefined;
  const workstations: Workstation[] = [];
  const pages: Page[] = [];
  const chats: Chat[] = [];

  test.beforeAll(async ({ browser }) => {
    // A hub, three workstations and three signed-in browser contexts: a minute is not enough on a
    // loaded two-core machine.
    test.setTimeout(120_000);
    hub = await startTestHub();
    // A second supervisor of the same queues, so two different people monitor the same chat.
    await hub.hub.context.accounts.saveUser({
      id: 'u_supervisor2',
      email: 'supervisor2@demo',
      name: 'Dana Lead',
      role: 'supervisor',
      capacity: 0,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      queues: ['support', 'billing', 'fraud'],
    });
    const hubUrl = hub.url;
    workstations.push(...(await Promise.all([0, 1, 2].map(() => startTestWorkstation(hubUrl, recordingNotifier().notifier)))));
    pages.push(...(await Promise.all([newPage(browser), newPage(browser), newPage(browser)])));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const emails = ['agent@demo', 'supervisor@demo', 'supervisor2@demo'];
    await Promise.all(pages.map((page, index) => openSignedIn(page, workstations[index]!.url, emails[index])));
    for (const page of pages.slice(1)) await expect(page.getByTestId('supervisor-console')).toBeVisible();
  });

  // Each test's chat is resolved by whoever holds it, so the agent's capacity is free for the next test.
  test.afterEach(async () => {
    for (const chat of chats.splice(0)) {
      const context = running().hub.context;
      const record = await context.conversations.get(chat.conversationId);
      const holder = record?.state === 'assigned' && record.assignedAgentId ? await context.accounts.userById(record.assignedAgentId) : null;
      if (holder) await context.service.resolve(holder, chat.conversationId, 'solved');
      await chat.customer.context().close();
    }
  });

  test.afterAll(async () => {
    for (const page of pages.splice(0)) await page.context().close();
    for (const station of workstations.splice(0)) await station.close();
    await hub?.close();
  });

  const running = (): RunningHub => {
    if (!hub) throw new Error('the console floor is used outside a test');
    return hub;
  };
  const page = (index: number): Page => {
    const found = pages[index];
    if (!found) throw new Error('the console floor is used outside a test');
    return found;
  };

  const floor = {
    get hub() {
      return running();
    },
    /** Alex's workstation, whose own IPC handlers a test may call. */
    get agentStation(): Workstation {
      const station = workstations[0];
      if (!station) throw new Error('the console floor is used outside a test');
      return station;
    },
    get agent() {
      return page(0);
    },
    get priya() {
      return page(1);
    },
    get dana() {
      return page(2);
    },
    consoles: () => [page(1), page(2)],
    agentTranscript: () => page(0).getByTestId('transcript'),

    /** The customer meets the demo bot, which fails twice and hands off; Alex accepts and has the chat open. */
    async acceptedChat(browser: Browser, name: string): Promise<Chat> {
      const customer = await newPage(browser);
      await customer.goto(`${running().url}/chat`);
      await customer.getByLabel('Your name').fill(name);
      await customer.getByRole('button', { name: 'Start chat' }).click();
      await say({ customer }, 'my hamster chewed the router cable');
      await expect(customer.getByTestId('chat-log')).toContainText("Sorry, I didn't understand that");
      await say({ customer }, 'the light is purple now');
      await expect(customer.getByTestId('chat-status')).toContainText('transferred to a person');

      const agent = page(0);
      await agent.getByTestId('inbox-row').filter({ hasText: name }).click();
      await agent.getByTestId('accept-button').click();
      await expect(floor.agentTranscript()).toContainText('my hamster chewed the router cable');
      const conversation = agent.getByTestId('conversation');
      await expect(conversation).toHaveAttribute('data-conversation-id', /.+/);
      const chat = { customer, name, conversationId: (await conversation.getAttribute('data-conversation-id'))! };
      chats.push(chat);
      return chat;
    },

    /** Opens the chat in the console's monitor panel from the escalation radar. */
    async monitor(console: Page, chat: Chat): Promise<void> {
      const radarRow = console.getByTestId('radar-row').filter({ hasText: chat.name });
      // The radar names who has the customer.
      await expect(radarRow).toContainText('Alex Agent');
      await expect(radarRow.getByTestId('risk-reason').first()).toBeVisible();
      await radarRow.getByTestId('monitor-button').click();
      await expect(console.getByTestId('monitor-panel')).toHaveAttribute('data-conversation-id', chat.conversationId);
      await expect(monitorTranscript(console)).toContainText('the light is purple now');
    },

    /** Priya whispers to the agent of the chat she monitors; it reaches the agent's open transcript. */
    async whisper(text: string): Promise<void> {
      await page(1).getByTestId('whisper-input').fill(text);
      await page(1).getByTestId('whisper-send').click();
      await expect(floor.agentTranscript().getByTestId('turn').filter({ hasText: text })).toHaveAttribute('data-author', 'supervisor');
    },

    /** Priya takes the chat she monitors over by keyboard; the agent is told and can no longer write. */
    async takeOver(): Promise<void> {
      await page(1).getByTestId('take-over-button').focus();
      await page(1).keyboard.press('Enter');
      await expect(page(0).getByTestId('conversation-read-only')).toContainText('Handled by Priya Supervisor');
    },
  };
  return floor;
}
