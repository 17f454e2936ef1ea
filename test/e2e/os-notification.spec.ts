import { expect, test, type Page } from '@playwright/test';
import { createOsNotifier } from '../../src/main/notify/notifier';
import { NOTIFICATION_DECLINE } from '../../src/main/notify/offer-answers';
import { missingNotificationTools, startNotificationSession } from './support/os-notifications';
import type { RunningHub } from '../../src/hub/server';
import { endChats, handoffEnvelope, openSignedIn, postHandoff, startTestHub, startTestWorkstation } from './support/stack';

const missing = missingNotificationTools();
// CI installs these (see .ci/run); a developer machine without them is told what to install.
test.skip(missing.length > 0 && !process.env.CI, `OS notification test needs: ${missing.join(', ')} (apt: xvfb dbus dunst libnotify-bin)`);

/**
 * The real stack with real OS notifications, started once for the file: dunst on a private display
 * and bus, notify-send, a hub, and one browser-mode workstation whose agent is signed in. After each
 * test its chats are closed on the hub and its notifications dismissed, so every test starts with
 * an empty screen and a free agent, alone (`-g`) or in any order.
 */
let session: Awaited<ReturnType<typeof startNotificationSession>> | undefined;
let hub: RunningHub | undefined;
let workstation: Awaited<ReturnType<typeof startTestWorkstation>> | undefined;
let page: Page | undefined;
const chats: string[] = [];

test.beforeAll(async ({ browser }) => {
  session = await startNotificationSession();
  hub = await startTestHub();
  workstation = await startTestWorkstation(hub.url, createOsNotifier());
  page = await (await browser.newContext()).newPage();
  await openSignedIn(page, workstation.url);
});

test.afterEach(async () => {
  await endChats(running().hub, chats);
  running().session.history();
  expect(running().session.displayed()).toBe(0);
});

test.afterAll(async () => {
  await page?.context().close();
  await workstation?.close();
  await hub?.close();
  session?.stop();
});

function running() {
  if (!session || !hub || !workstation || !page) throw new Error('the notification stack runs only inside a test');
  return { session, hub, workstation, page };
}

/** A bot hands `name` off to the floor; the chat is closed after the test. */
async function handoff(name: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await postHandoff(running().hub.url, handoffEnvelope({ customer: { name }, ...overrides }));
  chats.push(id);
  return id;
}

test('an offer raises a real OS notification naming the customer, with the issue, reason and wait', async () => {
  const { session, page } = running();
  await handoff('Nguyễn Thị Lan', { fields: [{ key: 'account_number', label: 'Account', value: '99887766', verified: true }] });
  await expect(page.getByTestId('inbox-row').filter({ hasText: 'Nguyễn Thị Lan' })).toBeVisible();
  const named = () => session.history().filter((n) => n.appname === 'Warmline' && n.summary === 'Nguyễn Thị Lan');
  await expect.poll(() => named().length, { timeout: 10_000 }).toBe(1);
  const [notification] = named();
  expect(notification!.body).toContain('Refund for boots outside the 30-day window');
  expect(notification!.body).toContain("Bot couldn't help");
  expect(notification!.body).toMatch(/waiting (under a minute|\d+ min)/);
  expect(notification!.body).not.toContain('99887766');
});

test("pressing Accept on the OS notification accepts the offer: the agent's window shows the conversation, owned by them", async () => {
  const { session, workstation, page } = running();
  const id = await handoff('Amara Nwosu');
  await expect(page.getByTestId('inbox-row').filter({ hasText: 'Amara Nwosu' })).toBeVisible();
  await expect.poll(() => session.displayed(), { timeout: 10_000 }).toBe(1);

  const menu = await session.press('Amara Nwosu', 'accept');
  // What the agent was offered on the notification: Accept, Decline, and Open (the click).
  expect(menu.map((line) => line.replace(/ \(.*$/, '')).sort()).toEqual(['#Accept', '#Decline', '#Open']);

  const conversation = page.locator(`[data-testid="conversation"][data-conversation-id="${id}"]`);
  await expect(conversation).toHaveAttribute('data-state', 'assigned');
  await expect(conversation.getByTestId('transcript').getByTestId('turn-text').first()).toHaveText('I want to return my boots');
  await expect(page.getByTestId('composer-input')).toBeVisible();
  const me = workstation.core.session().user!;
  expect(workstation.core.get(id)!.owner).toMatchObject({ kind: 'agent', id: me.id });
  await expect.poll(() => session.displayed()).toBe(0);
});

test('pressing Decline on the OS notification declines it as busy: the offer leaves the offers in the inbox and goes back to the queue', async () => {
  const { session, hub, workstation, page } = running();
  const id = await handoff('Jonas Berg');
  await expect.poll(() => session.displayed(), { timeout: 10_000 }).toBe(1);
  const offers = page.locator('section[aria-labelledby="inbox-offers"]');
  await expect(offers.getByTestId('inbox-row').filter({ hasText: 'Jonas Berg' })).toBeVisible();

  await session.press('Jonas Berg', 'decline');

  // It leaves the offers: the hub routes it on (here nobody else is signed in, so it waits in the queue).
  await expect(offers.getByTestId('inbox-row').filter({ hasText: 'Jonas Berg' })).toHaveCount(0);
  await expect.poll(() => workstation.core.get(id)?.state).not.toBe('offered');
  expect(workstation.core.get(id)?.offer?.agentId ?? null).not.toBe(workstation.core.session().user!.id);
  // The hub's log says why, as supervisors' metrics will read it: busy, from the notification.
  const ended = await hub.hub.db.all<{ body: string }>("SELECT body FROM events WHERE conversation_id = ? AND type = 'offer:ended'", [id]);
  expect(ended.map((row) => (JSON.parse(row.body) as { reason: string }).reason)).toEqual([`${NOTIFICATION_DECLINE.code}: ${NOTIFICATION_DECLINE.reason}`]);
  // No window was brought up for a decline, and no error notification followed it.
  await expect(page.locator(`[data-testid="conversation"][data-conversation-id="${id}"]`)).toHaveCount(0);
  expect(session.history().filter((n) => n.summary.startsWith('Could not') && n.body.startsWith('Jonas Berg:'))).toEqual([]);
});

test('a click on the OS notification opens the offer without answering it', async () => {
  const { session, workstation, page } = running();
  const id = await handoff('Sofia Marchetti');
  await expect.poll(() => session.displayed(), { timeout: 10_000 }).toBe(1);

  session.click();

  await expect(page.getByTestId('handoff-card')).toBeVisible();
  await expect(page.getByTestId('handoff-customer')).toHaveText('Sofia Marchetti');
  expect(workstation.core.get(id)!.state).toBe('offered');
});

test('a hostile name and issue reach the OS notification as text: no option smuggled into notify-send, no markup in the body', async () => {
  const { session } = running();
  const name = '--action=pwn=Pwned <b>Eve</b>';
  const issue = '<img src=x onerror=alert(1)> & <a href="https://evil.example">refund</a>';
  await handoff(name, { issue: { title: issue } });
  await expect.poll(() => session.displayed(), { timeout: 10_000 }).toBe(1);

  // The buttons are ours only: the name did not add an action.
  const menu = await session.press(name, 'default');
  expect(menu.map((line) => line.replace(/ \(.*$/, '')).sort()).toEqual(['#Accept', '#Decline', '#Open']);
  const [notification] = session.history().filter((n) => n.appname === 'Warmline' && n.summary === name);
  expect(notification).toBeDefined();
  // Escaped for a server that reads markup in bodies (dunst does), so it shows the text as typed.
  expect(notification!.body.startsWith('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;a href="https://evil.example"&gt;refund&lt;/a&gt; · ')).toBe(true);
});

test("an answer the hub refuses (the offer was already taken on the card) replaces the offer's notification with one giving the hub's reason", async () => {
  const { session, workstation } = running();
  const id = await handoff('Kofi Mensah');
  await expect.poll(() => session.displayed(), { timeout: 10_000 }).toBe(1);
  await workstation.core.accept(id);
  const closedBefore = session.closed();

  await session.press('Kofi Mensah', 'decline');

  // What the agent sees, in order: pressing Decline closes the offer's notification (it joins the
  // closed ones), then the refusal is the one notification on screen. Waiting for both at once
  // never mistakes the offer, still up while dunst runs the action, for the refusal.
  await expect.poll(() => ({ closed: session.closed(), displayed: session.displayed() }), { timeout: 10_000 }).toEqual({ closed: closedBefore + 1, displayed: 1 });
  const [shown, offer] = session.history().filter((n) => n.appname === 'Warmline');
  expect(shown).toMatchObject({ summary: 'Could not decline the offer' });
  expect(shown!.body).toMatch(/^Kofi Mensah: \S/);
  expect(offer).toMatchObject({ summary: 'Kofi Mensah' });
  expect(workstation.core.get(id)!.state).toBe('assigned');
});
