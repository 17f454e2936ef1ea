import { expect, test, type Page } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

let hub: RunningHub;
let workstation: Awaited<ReturnType<typeof startTestWorkstation>>;

test.beforeEach(async () => {
  hub = await startTestHub();
  workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
});
test.afterEach(async () => {
  await workstation.close();
  await hub.close();
});

const LAPTOP = { name: '1280x720', width: 1280, height: 720 };
const PHONE = { name: '390x844', width: 390, height: 844 };
const SIZES = [{ name: '1440x900', width: 1440, height: 900 }, LAPTOP, PHONE];

async function screenshots(page: Page, stage: string): Promise<void> {
  const original = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: `test-results/screenshots/customer-chat-${stage}-${size.name}.png` });
  }
  if (original) await page.setViewportSize(original);
}

/** Starts a chat and asks the demo bot for a person: the customer is then waiting in the queue. */
async function waitForAPerson(customer: Page, name: string): Promise<void> {
  await customer.goto(`${hub.url}/chat`);
  await customer.getByLabel('Your name').fill(name);
  await customer.getByRole('button', { name: 'Start chat' }).click();
  const input = customer.getByTestId('chat-input');
  await input.fill('I want to talk to a person please');
  await input.press('Enter');
  await expect(customer.getByTestId('chat-queue')).toBeVisible();
}

test('before the chat starts only the name form shows; once started the composer shows and the name form and rating do not', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${hub.url}/chat`);
  await expect(page.getByLabel('Your name')).toBeVisible();
  await expect(page.getByTestId('chat-input')).toBeHidden();
  await expect(page.getByTestId('chat-send')).toBeHidden();
  await expect(page.getByTestId('chat-rating')).toBeHidden();
  await expect(page.getByTestId('chat-log')).toBeHidden();
  await screenshots(page, 'start');

  await page.getByLabel('Your name').fill('Ines Duarte');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByTestId('chat-log')).toContainText('Hi Ines Duarte');
  await expect(page.getByTestId('chat-status')).toHaveText("You're chatting with our assistant.");
  await expect(page.getByTestId('chat-start')).toBeHidden();
  await expect(page.getByTestId('chat-input')).toBeVisible();
  await expect(page.getByTestId('chat-input')).toBeFocused();
  await expect(page.getByTestId('chat-rating')).toBeHidden();
  await expect(page.getByTestId('chat-composer-hint')).toBeHidden();
});

for (const size of [LAPTOP, PHONE]) {
  test(`at ${size.name} a long chat scrolls inside the widget and the queue notice and composer stay in view`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await waitForAPerson(page, 'Tomasz Nowak');
    const input = page.getByTestId('chat-input');
    for (let index = 1; index <= 14; index += 1) {
      await input.fill(`Still here, message ${index} of 14, about the parcel that never came`);
      await input.press('Enter');
      await expect(page.getByTestId('chat-log')).toContainText(`message ${index} of 14`);
    }
    const log = page.getByTestId('chat-log');
    expect(await log.evaluate((node) => node.scrollHeight > node.clientHeight)).toBe(true);
    // The page itself does not scroll: the log does.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await expect(page.getByTestId('chat-queue')).toBeInViewport();
    await expect(page.getByTestId('chat-queue')).toContainText(/./);
    await expect(page.getByTestId('chat-leave')).toBeInViewport();
    await expect(page.getByTestId('chat-input')).toBeInViewport();
    await expect(log.locator('.turn').last()).toBeInViewport();
    await expect(log.locator('.turn').last()).toContainText('message 14 of 14');
    await page.screenshot({ path: `test-results/screenshots/customer-chat-long-queue-${size.name}.png` });
  });
}

test('the status line names the agent who joined, and writing after the chat closed starts a visibly new conversation', async ({ page, context }) => {
  const customer = await context.newPage();
  await customer.setViewportSize({ width: 1280, height: 720 });
  await waitForAPerson(customer, 'Ama Mensah');
  await expect(customer.getByTestId('chat-status')).toContainText(/transferred to a person|keep your place in the queue/);
  await expect(customer.getByTestId('chat-rating')).toBeHidden();
  await screenshots(customer, 'waiting');

  await openSignedIn(page, workstation.url);
  await page.getByTestId('inbox-row').filter({ hasText: 'Ama Mensah' }).click();
  await page.getByTestId('accept-button').click();
  await expect(customer.getByTestId('chat-status')).toHaveText("You're chatting with Alex Agent.");
  await expect(customer.getByTestId('chat-queue')).toBeHidden();
  await expect(customer.getByTestId('chat-leave')).toBeHidden();
  await screenshots(customer, 'with-agent');

  // A reload keeps the status: the hub says who has the chat when the widget joins again.
  await customer.reload();
  await expect(customer.getByTestId('chat-status')).toHaveText("You're chatting with Alex Agent.");

  // While the agent types, the customer sees it; their reply takes the notice's place.
  const composer = page.getByTestId('composer-input');
  await expect(customer.getByTestId('chat-typing')).toBeHidden();
  await composer.pressSequentially('Hi Ama, I have your order here');
  await expect(customer.getByTestId('chat-typing')).toHaveText('The agent is typing…');
  await screenshots(customer, 'agent-typing');
  await composer.press('Enter');
  await expect(customer.getByTestId('chat-log')).toContainText('Hi Ama, I have your order here');
  await expect(customer.getByTestId('chat-typing')).toBeHidden();

  await page.keyboard.press('Alt+r');
  await page.getByTestId('resolve-disposition').selectOption('solved');
  await page.getByTestId('resolve-submit').click();
  await expect(customer.getByTestId('chat-rating')).toBeVisible();
  await expect(customer.getByTestId('chat-status')).toHaveText('This chat has ended.');
  await expect(customer.getByTestId('chat-divider')).toHaveText(/^Chat ended · /);
  await expect(customer.getByTestId('chat-composer-hint')).toHaveText('This chat has ended. Anything you send now starts a new conversation.');
  await expect(customer.getByTestId('chat-send')).toHaveText('Start new chat');
  await screenshots(customer, 'closed');

  await customer.getByTestId('chat-rating').getByRole('button', { name: '5' }).click();
  await expect(customer.getByTestId('chat-rating')).toBeHidden();
  await expect(customer.getByTestId('chat-status')).toHaveText('Thank you for your rating.');

  const input = customer.getByTestId('chat-input');
  await input.fill('Sorry, one more thing about the refund');
  await input.press('Enter');
  const divider = customer.getByTestId('chat-divider');
  await expect(divider).toHaveCount(2);
  await expect(divider.last()).toHaveText(/^New conversation · /);
  // The new conversation starts after the divider, with what the customer just wrote.
  await expect
    .poll(() => divider.last().evaluate((node) => node.nextElementSibling?.textContent ?? ''))
    .toContain('one more thing about the refund');
  await expect(customer.getByTestId('chat-status')).toContainText('transferred to a person');
  await expect(customer.getByTestId('chat-queue')).toBeVisible();
  await expect(customer.getByTestId('chat-composer-hint')).toBeHidden();
  await expect(customer.getByTestId('chat-send')).toHaveText('Send');
  await screenshots(customer, 'new-conversation');

  // It reaches the agent as a new chat, not as a line in the closed one.
  await expect(page.getByTestId('inbox-row').filter({ hasText: 'Ama Mensah' }).filter({ hasText: 'one more thing about the refund' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/customer-chat-agent-new-offer.png' });
});
