import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, signInThroughUi, startTestHub, startTestWorkstation } from './support/stack';
import { signIn } from '../support/sign-in';

/**
 * The agent workspace against a real hub, as a shift runs: an offer's card, accept by keyboard, a
 * canned reply filled from the customer's fields, a warm transfer with a note to a colleague on a
 * second workstation, their card showing the note, and a resolution. Presence: away stops offers.
 */
type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

const SCREENSHOTS = 'test-results/screenshots';
let hub: RunningHub;
let workstations: Workstation[] = [];

test.beforeEach(async () => {
  hub = await startTestHub();
  workstations = [];
  mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterEach(async () => {
  for (const station of workstations) await station.close();
  await hub.close();
});

async function stationPage(browser: Browser): Promise<{ page: Page; url: string }> {
  const station = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  workstations.push(station);
  // One context each, as two agents on two machines.
  const context = await browser.newContext();
  return { page: await context.newPage(), url: station.url };
}

test('an offer is read on its card, accepted by keyboard, answered with a filled canned reply, transferred with a note, and resolved by the colleague', async ({
  browser,
}) => {
  const alex = await stationPage(browser);
  await signInThroughUi(alex.page, alex.url, 'agent@demo');
  const id = await postHandoff(hub.url, handoffEnvelope());

  // The card: reason, evidence, fields, all before accepting.
  const row = alex.page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' });
  await expect(row).toBeVisible();
  await alex.page.screenshot({ path: `${SCREENSHOTS}/agent-inbox.png` });
  await row.focus();
  await alex.page.keyboard.press('Enter');
  const card = alex.page.getByTestId('handoff-card');
  await expect(card).toHaveAttribute('data-conversation-id', id);
  await expect(card.getByTestId('reason-chip')).toContainText(/couldn.t help/i);
  await expect(card.getByTestId('handoff-reason-detail')).toHaveText('Refund exceptions need an advisor');
  await expect(card.getByTestId('handoff-field').first()).toContainText('555');
  await expect(card.getByTestId('handoff-identity')).toContainText('Identity verified');

  // The evidence turn is one click from where it sits in the conversation.
  const evidence = card.getByTestId('evidence-jump');
  await expect(evidence).toHaveCount(1);
  await expect(evidence).toContainText('Sorry, returns are only accepted within 30 days.');
  await evidence.click();
  const found = card.getByTestId('handoff-transcript').locator('[data-found="true"]');
  await expect(found).toContainText('Sorry, returns are only accepted within 30 days.');
  await expect(found).toBeInViewport();
  await alex.page.screenshot({ path: `${SCREENSHOTS}/agent-card.png`, fullPage: true });

  // Accept by keyboard: the card takes focus back, A accepts, the composer gets focus.
  await card.focus();
  await alex.page.keyboard.press('a');
  const composer = alex.page.getByTestId('composer-input');
  await expect(composer).toBeFocused();
  await expect(alex.page.getByTestId('conversation-state')).toHaveText('Active');

  // A canned reply with the customer's own fields filled in, sent with Enter.
  await alex.page.getByTestId('canned-replies').selectOption({ label: 'Order found' });
  await expect(composer).toHaveValue('Hi Maria, I can see your order 555. Let me look into it for you now.');
  await composer.press('Enter');
  const sent = alex.page.getByTestId('transcript').getByTestId('turn').filter({ hasText: 'I can see your order 555' });
  await expect(sent).toHaveAttribute('data-author', 'agent');
  await alex.page.screenshot({ path: `${SCREENSHOTS}/agent-conversation.png` });

  // The colleague signs in on their own workstation, so the directory lists them as available.
  const sam = await stationPage(browser);
  await openSignedIn(sam.page, sam.url, 'agent2@demo');
  await expect(sam.page.getByTestId('presence-switch')).toHaveAttribute('aria-checked', 'true');

  const note = 'Verified. Wants an exception for order 555, two days late; I said we would check.';
  await alex.page.keyboard.press('Alt+t');
  const target = alex.page.getByTestId('transfer-target');
  await expect(target.locator('option[value="agent:u_agent2"]')).toBeEnabled();
  await target.selectOption('agent:u_agent2');
  await alex.page.getByTestId('transfer-note').fill(note);
  await alex.page.getByTestId('transfer-submit').click();
  // Alex reads along now, and the conversation leaves his offers and active work.
  await expect(alex.page.getByTestId('conversation-read-only')).toHaveText('Handled by Sam Agent. You are reading along.');
  await expect(alex.page.getByTestId('conversation-state')).toHaveText('Transferred');
  // His history says who has the customer now, and what he told them.
  await alex.page.keyboard.press('/');
  const alexHistory = alex.page.getByTestId('history-conversation').filter({ hasText: 'Maria Okafor' });
  await expect(alexHistory.getByTestId('history-owner')).toHaveText('with Sam Agent');
  await expect(alexHistory.getByTestId('history-transfer-note')).toHaveText(`Transfer note: ${note}`);

  // Sam's card: a warm transfer, with Alex's note and the whole conversation so far.
  const samRow = sam.page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' });
  await expect(samRow).toBeVisible();
  await samRow.click();
  const samCard = sam.page.getByTestId('handoff-card');
  await expect(samCard).toContainText('Warm transfer from Alex Agent');
  await expect(samCard.getByTestId('handoff-transfer-text')).toHaveText(note);
  await expect(samCard.getByTestId('handoff-transcript')).toContainText('I can see your order 555');
  await sam.page.screenshot({ path: `${SCREENSHOTS}/agent-transfer-card.png`, fullPage: true });

  await samCard.getByTestId('accept-button').click();
  await expect(sam.page.getByTestId('conversation-state')).toHaveText('Active');
  await sam.page.keyboard.press('Alt+r');
  await sam.page.getByTestId('resolve-disposition').selectOption('solved');
  await sam.page.getByTestId('resolve-submit').click();
  await expect(sam.page.getByTestId('conversation-state')).toHaveText('Resolved');
  await expect(sam.page.getByTestId('conversation-read-only')).toBeVisible();
});

test('going away stops new offers, and coming back brings the waiting customer', async ({ browser }) => {
  const alex = await stationPage(browser);
  await openSignedIn(alex.page, alex.url, 'agent@demo');
  const presence = alex.page.getByTestId('presence-switch');
  await expect(presence).toHaveAttribute('aria-checked', 'true');
  await presence.click();
  await expect(presence).toHaveAttribute('aria-checked', 'false');

  const id = await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Jonas Weber' } }));
  const row = alex.page.getByTestId('inbox-row').filter({ hasText: 'Jonas Weber' });
  // The hub routes before it answers the handoff: still queued now means no offer was made, to Alex or anyone.
  const waiting = await fetch(`${hub.url}/v1/conversations/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${await signIn(hub.url, 'supervisor@demo')}` },
  }).then((response) => response.json() as Promise<{ state: string }>);
  expect(waiting.state).toBe('queued');
  await expect(row).toHaveCount(0);

  await presence.click();
  await expect(presence).toHaveAttribute('aria-checked', 'true');
  await expect(row).toBeVisible();
  await row.click();
  await expect(alex.page.getByTestId('handoff-card').getByTestId('handoff-customer')).toHaveText('Jonas Weber');
});

