import { expect, test, type Page } from '@playwright/test';
import { createOsNotifier } from '../../src/main/notify/notifier';
import { NOTIFICATION_DECLINE } from '../../src/main/notify/offer-answers';
import { missingNotificationTools, startNotificationSession } from './support/os-notifications';
import { handoffEnvelope, postHandoff, signInThroughUi, startTestHub, startTestWorkstation } from './support/stack';

const missing = missingNotificationTools();
// CI installs these (see .ci/run); a developer machine without them is told what to install.
test.skip(missing.length > 0 && !process.env.CI, `OS notification test needs: ${missing.join(', ')} (apt: xvfb dbus dunst libnotify-bin)`);

/** The real stack with real OS notifications: dunst on a private display and bus, notify-send, a hub, a browser-mode workstation. */
async function startStack(page: Page) {
  const session = await startNotificationSession();
  const hub = await startTestHub().catch((error: unknown) => (session.stop(), Promise.reject(error)));
  const workstation = await startTestWorkstation(hub.url, createOsNotifier());
  const close = async () => {
    await workstation.close();
    await hub.close();
    session.stop();
  };
  // A failed sign-in must not leave Xvfb, the bus and dunst running behind the test.
  await signInThroughUi(page, workstation.url).catch(async (error: unknown) => (await close(), Promise.reject(error)));
  return { session, hub, workstation, close };
}

test('an offer raises a real OS notification naming the customer, with the issue, reason and wait', async ({ page }) => {
  const { session, hub, close } = await startStack(page);
  try {
    await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Nguyễn Thị Lan' }, fields: [{ key: 'account_number', label: 'Account', value: '99887766', verified: true }] }));
    await expect(page.getByTestId('inbox-row').filter({ hasText: 'Nguyễn Thị Lan' })).toBeVisible();
    await expect.poll(() => session.history().filter((n) => n.appname === 'Warmline').length, { timeout: 10_000 }).toBeGreaterThan(0);
    const [notification] = session.history().filter((n) => n.appname === 'Warmline');
    expect(notification!.summary).toBe('Nguyễn Thị Lan');
    expect(notification!.body).toContain('Refund for boots outside the 30-day window');
    expect(notification!.body).toContain("Bot couldn't help");
    expect(notification!.body).toMatch(/waiting (under a minute|\d+ min)/);
    expect(notification!.body).not.toContain('99887766');
  } finally {
    await close();
  }
});

test("pressing Accept on the OS notification accepts the offer: the agent's window shows the conversation, owned by them", async ({ page }) => {
  const { session, hub, workstation, close } = await startStack(page);
  try {
    const id = await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Amara Nwosu' } }));
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
  } finally {
    await close();
  }
});

test('pressing Decline on the OS notification declines it as busy: the offer leaves the offers in the inbox and goes back to the queue', async ({ page }) => {
  const { session, hub, workstation, close } = await startStack(page);
  try {
    const id = await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Jonas Berg' } }));
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
    expect(session.history().filter((n) => n.summary.startsWith('Could not'))).toEqual([]);
  } finally {
    await close();
  }
});

test('a click on the OS notification opens the offer without answering it', async ({ page }) => {
  const { session, hub, workstation, close } = await startStack(page);
  try {
    const id = await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Sofia Marchetti' } }));
    await expect.poll(() => session.displayed(), { timeout: 10_000 }).toBe(1);

    session.click();

    await expect(page.getByTestId('handoff-card')).toBeVisible();
    await expect(page.getByTestId('handoff-customer')).toHaveText('Sofia Marchetti');
    expect(workstation.core.get(id)!.state).toBe('offered');
  } finally {
    await close();
  }
});

test('a hostile name and issue reach the OS notification as text: no option smuggled into notify-send, no markup in the body', async ({ page }) => {
  const { session, hub, close } = await startStack(page);
  try {
    const name = '--action=pwn=Pwned <b>Eve</b>';
    const issue = '<img src=x onerror=alert(1)> & <a href="https://evil.example">refund</a>';
    await postHandoff(hub.url, handoffEnvelope({ customer: { name }, issue: { title: issue } }));
    await expect.poll(() => session.displayed(), { timeout: 10_000 }).toBe(1);

    // The buttons are ours only: the name did not add an action.
    const menu = await session.press(name, 'default');
    expect(menu.map((line) => line.replace(/ \(.*$/, '')).sort()).toEqual(['#Accept', '#Decline', '#Open']);
    const [notification] = session.history().filter((n) => n.appname === 'Warmline');
    expect(notification!.summary).toBe(name);
    // Escaped for a server that reads markup in bodies (dunst does), so it shows the text as typed.
    expect(notification!.body.startsWith('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;a href="https://evil.example"&gt;refund&lt;/a&gt; · ')).toBe(true);
  } finally {
    await close();
  }
});

test("an answer the hub refuses (the offer was already taken on the card) comes back as a notification with the hub's reason", async ({ page }) => {
  const { session, hub, workstation, close } = await startStack(page);
  try {
    const id = await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Kofi Mensah' } }));
    await expect.poll(() => session.displayed(), { timeout: 10_000 }).toBe(1);
    await workstation.core.accept(id);

    await session.press('Kofi Mensah', 'decline');

    await expect.poll(() => session.displayed(), { timeout: 10_000 }).toBe(1);
    const [refusal] = session.history().filter((n) => n.summary.startsWith('Could not'));
    expect(refusal!.summary).toBe('Could not decline the offer');
    expect(refusal!.body).toMatch(/^Kofi Mensah: \S/);
    expect(workstation.core.get(id)!.state).toBe('assigned');
  } finally {
    await close();
  }
});
