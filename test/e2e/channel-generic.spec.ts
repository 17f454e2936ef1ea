import { expect, test } from '@playwright/test';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import { checkSignature } from '../../src/hub/auth/webhook-signature';
import { postSigned } from '../support/signed-callback-receiver';
import { connectDemoIntegration } from '../support/channel-setup';
import { flakyEndpoint } from '../hub/channels/flaky-endpoint';
import { fileHost, pdfFile, pngImage } from '../support/attachment-files';
import { handoffEnvelope, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

/**
 * The generic connector end to end, as the README tells an integrator to use it: the bot hands off
 * with POST /v1/handoffs (token and Standard Webhooks signature), the agent accepts in the browser,
 * each agent reply is POSTed signed to the integration's callback URL, and the customer's next
 * message comes back through POST /v1/conversations/:id/customer-messages.
 */

const SECRET = `whsec_${Buffer.from('channel-generic-e2e-secret-0001').toString('base64')}`;
const REFUSAL = 'Conversation c-closed-1 was archived by the customer';

let close: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  for (const step of close.reverse()) await step();
  close = [];
});

async function stack() {
  const hub = await startTestHub();
  const workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  // The integrator's endpoint: takes every item, except replies it refuses for good with its reason.
  const endpoint = await flakyEndpoint({
    answerFor: (item) => (item.type === 'message' && item.text.includes('archived') ? { status: 410, body: { error: REFUSAL } } : null),
  });
  close.push(() => hub.close(), () => workstation.close(), () => endpoint.down());
  await connectDemoIntegration(hub, { platform: 'generic', callbackUrl: endpoint.url(), secret: SECRET });
  return { hub, workstation, endpoint };
}

test("the agent's reply reaches the integrator signed, shows as delivered, and the customer's answer comes back live", async ({ page }) => {
  const { hub, workstation, endpoint } = await stack();
  await openSignedIn(page, workstation.url);
  const envelope = handoffEnvelope({ customer: { id: 'cust-9', name: 'Ana Souza', verification: { status: 'verified', method: 'one-time code' } } });
  const handoff = await postSigned(`${hub.url}/v1/handoffs`, DEMO_INTEGRATION_TOKEN, SECRET, 'handoff-1', envelope);
  expect(handoff.status).toBe(201);
  const conversationId = String(handoff.json.conversationId);

  await page.getByTestId('inbox-row').filter({ hasText: 'Ana Souza' }).click();
  await page.getByTestId('accept-button').click();
  const composer = page.getByTestId('composer-input');
  await composer.fill('Hi Ana, I can make an exception for order 555.');
  await composer.press('Enter');

  const transcript = page.getByTestId('transcript');
  const reply = transcript.getByTestId('turn').filter({ hasText: 'Hi Ana, I can make an exception' });
  await expect(reply.getByTestId('turn-channel-delivery')).toHaveText('Delivered');
  const delivered = endpoint.received.filter(({ item }) => item.type === 'message');
  expect(delivered.map(({ item }) => item)).toMatchObject([{ type: 'message', conversationId, author: 'agent', authorName: 'Alex Agent', text: 'Hi Ana, I can make an exception for order 555.' }]);
  expect(checkSignature(SECRET, delivered[0]!.raw, delivered[0]!.headers)).toMatchObject({ ok: true });
  expect(endpoint.received.map(({ item }) => item.type)).toContain('accepted');

  const answer = await postSigned(`${hub.url}/v1/conversations/${conversationId}/customer-messages`, DEMO_INTEGRATION_TOKEN, SECRET, 'cm-1', {
    messageId: 'ana-42',
    text: 'Thank you so much! <img src=x onerror=alert(1)>',
  });
  expect(answer.status).toBe(201);
  const customerTurn = transcript.getByTestId('turn').filter({ hasText: 'Thank you so much!' });
  await expect(customerTurn).toHaveAttribute('data-author', 'customer');
  await expect(customerTurn.getByTestId('turn-text')).toHaveText('Thank you so much! <img src=x onerror=alert(1)>');
  await page.screenshot({ path: 'test-results/screenshots/channel-generic-delivered.png' });
});

test("a reply the platform refuses for good shows as failed with the platform's reason", async ({ page }) => {
  const { hub, workstation } = await stack();
  await openSignedIn(page, workstation.url);
  const envelope = handoffEnvelope({ customer: { id: 'cust-10', name: 'Jonas Berg', verification: { status: 'unverified' } } });
  expect((await postSigned(`${hub.url}/v1/handoffs`, DEMO_INTEGRATION_TOKEN, SECRET, 'handoff-2', envelope)).status).toBe(201);

  await page.getByTestId('inbox-row').filter({ hasText: 'Jonas Berg' }).click();
  await page.getByTestId('accept-button').click();
  const composer = page.getByTestId('composer-input');
  await composer.fill('Is this chat archived on your side?');
  await composer.press('Enter');
  await composer.fill('A second reply still goes out.');
  await composer.press('Enter');

  const turns = page.getByTestId('transcript').getByTestId('turn');
  await expect(turns.filter({ hasText: 'Is this chat archived' }).getByTestId('turn-channel-delivery')).toHaveText(`Failed: HTTP 410: ${REFUSAL}`);
  await expect(turns.filter({ hasText: 'A second reply' }).getByTestId('turn-channel-delivery')).toHaveText('Delivered');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/screenshots/channel-generic-refused.png' });
});

test('a supervisor sees the failing channel, how many chats it holds up and why, and can watch the chat', async ({ page, browser }) => {
  const { hub, workstation } = await stack();
  const supervisorDesk = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  close.push(() => supervisorDesk.close());
  const supervisorPage = await browser.newPage();
  close.push(() => supervisorPage.close());
  await openSignedIn(supervisorPage, supervisorDesk.url, 'supervisor@demo');
  await expect(supervisorPage.getByTestId('supervisor-console')).toBeVisible();
  await expect(supervisorPage.getByTestId('failing-channels')).toHaveCount(0);

  await openSignedIn(page, workstation.url);
  const envelope = handoffEnvelope({ customer: { id: 'cust-11', name: 'Lena Fischer', verification: { status: 'unverified' } } });
  expect((await postSigned(`${hub.url}/v1/handoffs`, DEMO_INTEGRATION_TOKEN, SECRET, 'handoff-3', envelope)).status).toBe(201);
  await page.getByTestId('inbox-row').filter({ hasText: 'Lena Fischer' }).click();
  await page.getByTestId('accept-button').click();
  await page.getByTestId('composer-input').fill('Your chat looks archived, is it?');
  await page.getByTestId('composer-input').press('Enter');

  const banner = supervisorPage.getByTestId('failing-channels');
  await expect(banner.getByTestId('failing-channel')).toContainText(`Generic webhook · 1 conversation · Failed: HTTP 410: ${REFUSAL}`);
  await supervisorPage.screenshot({ path: 'test-results/screenshots/channel-generic-supervisor.png' });
  await banner.getByRole('button', { name: 'Watch Lena Fischer' }).click();
  await expect(supervisorPage.getByTestId('monitor-transcript')).toContainText('Your chat looks archived, is it?');
});

test('a barging supervisor attaches a file: it reaches the customer’s channel as a signed link and the agent sees it', async ({ page, browser }) => {
  const { hub, workstation, endpoint } = await stack();
  const supervisorDesk = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  close.push(() => supervisorDesk.close());
  const supervisorPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  close.push(() => supervisorPage.close());
  await openSignedIn(page, workstation.url);
  await openSignedIn(supervisorPage, supervisorDesk.url, 'supervisor@demo');
  const envelope = handoffEnvelope({ customer: { id: 'cust-12', name: 'Tomás Ruiz', verification: { status: 'unverified' } } });
  expect((await postSigned(`${hub.url}/v1/handoffs`, DEMO_INTEGRATION_TOKEN, SECRET, 'handoff-4', envelope)).status).toBe(201);
  await page.getByTestId('inbox-row').filter({ hasText: 'Tomás Ruiz' }).click();
  await page.getByTestId('accept-button').click();

  await supervisorPage.getByTestId('radar-row').filter({ hasText: 'Tomás Ruiz' }).getByTestId('monitor-button').click();
  await supervisorPage.getByTestId('barge-button').click();
  const replyBox = supervisorPage.getByTestId('supervisor-reply');
  await replyBox.getByTestId('composer-file-input').setInputFiles({ name: 'returns-form.pdf', mimeType: 'application/pdf', buffer: pdfFile() });
  await expect(replyBox.getByTestId('composer-file')).toContainText('returns-form.pdf');
  await replyBox.getByTestId('supervisor-reply-input').fill('Here is the returns form, Tomás.');
  await supervisorPage.screenshot({ path: 'test-results/screenshots/channel-barge-file.png' });
  await replyBox.getByTestId('supervisor-reply-send').click();
  await expect(replyBox.getByTestId('composer-file')).toHaveCount(0);

  await expect.poll(() => endpoint.received.find(({ item }) => item.type === 'message')?.item).toMatchObject({
    type: 'message',
    author: 'supervisor',
    authorName: 'Priya Supervisor',
    text: 'Here is the returns form, Tomás.',
    attachments: [{ name: 'returns-form.pdf', contentType: 'application/pdf' }],
  });
  const sent = endpoint.received.find(({ item }) => item.type === 'message')!.item as { attachments: { url: string }[] };
  const fetched = await fetch(sent.attachments[0]!.url);
  expect(Buffer.from(await fetched.arrayBuffer()).equals(pdfFile())).toBe(true);

  const turn = page.getByTestId('transcript').getByTestId('turn').filter({ hasText: 'Here is the returns form' });
  await expect(turn).toHaveAttribute('data-author', 'supervisor');
  await expect(turn.getByTestId('attachment')).toContainText('returns-form.pdf');
});

test('a customer who writes again with a photo after the chat closed reaches an agent with the photo shown in the new chat', async ({ page }) => {
  const { hub, workstation } = await stack();
  const photo = pngImage(96, 64, [30, 90, 200]);
  const platformFiles = await fileHost({ '/media/parcel.png': { body: photo, type: 'image/png' } });
  close.push(() => platformFiles.close());
  await openSignedIn(page, workstation.url);
  const envelope = handoffEnvelope({ customer: { id: 'cust-13', name: 'Ines Duarte', verification: { status: 'unverified' } } });
  const handoff = await postSigned(`${hub.url}/v1/handoffs`, DEMO_INTEGRATION_TOKEN, SECRET, 'handoff-5', envelope);
  const closedId = String(handoff.json.conversationId);
  expect((await postSigned(`${hub.url}/v1/conversations/${closedId}/customer-left`, DEMO_INTEGRATION_TOKEN, SECRET, 'left-5', {})).json).toMatchObject({ state: 'abandoned' });

  const again = await postSigned(`${hub.url}/v1/conversations/${closedId}/customer-messages`, DEMO_INTEGRATION_TOKEN, SECRET, 'cm-5', {
    messageId: 'ines-7',
    text: 'Me again: this is how the parcel arrived.',
    attachments: [{ url: platformFiles.url('/media/parcel.png'), name: 'parcel.png' }],
  });
  expect(again.status).toBe(201);
  expect(again.json).toMatchObject({ status: 'reopened', previousConversationId: closedId });

  // The closed chat stays under Earlier; the new offer says the customer asked for a person again.
  await page.getByTestId('inbox-row').filter({ hasText: 'Ines Duarte' }).filter({ hasText: 'Customer asked for a human' }).click();
  await page.getByTestId('accept-button').click();
  const turn = page.getByTestId('transcript').getByTestId('turn').filter({ hasText: 'this is how the parcel arrived' });
  await expect(turn.getByTestId('attachment-image')).toHaveAttribute('alt', 'parcel.png');
  await expect(turn.getByTestId('attachment-image')).toHaveJSProperty('naturalWidth', 96);
  await page.screenshot({ path: 'test-results/screenshots/channel-reopen-photo.png' });
});
