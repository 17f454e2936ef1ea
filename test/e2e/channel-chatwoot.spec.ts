import { expect, test } from '@playwright/test';
import { signChatwoot } from '../../src/hub/adapters/chatwoot-signature';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import { startHub, type RunningHub } from '../../src/hub/server';
import { fileHost, pdfFile, pngImage } from '../support/attachment-files';
import { startRecordingServer, type RecordingServer } from '../hub/adapters/recording-server';
import { setChannel } from './support/channel-setup';
import { recordingNotifier, openSignedIn, startTestWorkstation, tempDir } from './support/stack';

/**
 * Chatwoot as the customer's inbox, end to end over HTTP. The webhooks are shaped as
 * chatwoot/chatwoot sends them: `Message#webhook_data` (app/models/message.rb) with the
 * conversation as `Conversations::EventDataPresenter#push_data` (its `id` is the display id), the
 * events of app/listeners/webhook_listener.rb with `changed_attributes` as
 * app/listeners/base_listener.rb builds them, signed as lib/webhooks/trigger.rb signs them. The
 * stand-in for Chatwoot's API records the requests of Messages::MessageBuilder and toggle_status.
 */

const SECRET = 'chatwoot-webhook-secret-e2e';
const ACCOUNT = { id: 4, name: 'Acme' };
const CONTACT = { id: 31, name: 'Priya Raman', email: 'priya@example.com', phone_number: '+44 7700 900123', type: 'contact' };

let hub: RunningHub;
let chatwoot: RecordingServer;
let workstation: Awaited<ReturnType<typeof startTestWorkstation>>;

test.beforeEach(async () => {
  // Chatwoot's files are fetched from the test's file host on loopback, which the hub must trust.
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: true, attachments: { trustedHosts: ['127.0.0.1'] } });
  chatwoot = await startRecordingServer();
  workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  await setChannel(hub, 'chatwoot', { baseUrl: chatwoot.url, accountId: '4', apiAccessToken: 'cw-agent-token', webhookSecret: SECRET });
});
test.afterEach(async () => {
  await workstation.close();
  await hub.close();
  await chatwoot.close();
});

let deliveries = 0;
/** Posts a webhook as Chatwoot does: JSON, its delivery id, timestamp and HMAC signature. */
async function chatwootSends(event: Record<string, unknown>): Promise<number> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  deliveries += 1;
  const response = await fetch(`${hub.url}/v1/integrations/chatwoot/${DEMO_INTEGRATION_TOKEN}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-chatwoot-delivery': `00000000-0000-4000-8000-${String(deliveries).padStart(12, '0')}`,
      'x-chatwoot-timestamp': timestamp,
      'x-chatwoot-signature': signChatwoot(SECRET, timestamp, body),
    },
    body,
  });
  expect(response.status, await response.text()).toBeLessThan(300);
  return response.status;
}

const conversation = (status: string) => ({ id: 88, inbox_id: 2, status, channel: 'Channel::WebWidget', labels: ['delivery'], meta: { sender: CONTACT } });
const message = (id: number, content: string, type: 'incoming' | 'outgoing', status: string, sender: Record<string, unknown> = CONTACT) => ({
  event: 'message_created',
  id,
  content,
  created_at: new Date().toISOString(),
  message_type: type,
  content_type: 'text',
  content_attributes: {},
  private: false,
  source_id: null,
  sender,
  account: ACCOUNT,
  inbox: { id: 2, name: 'Website' },
  conversation: conversation(status),
});

test('a Chatwoot conversation handed off by its bot goes on both ways through Chatwoot, a refused reply shows Chatwoot’s reason, and resolving closes it there', async ({ page }) => {
  await openSignedIn(page, workstation.url);

  await chatwootSends({ event: 'conversation_created', ...conversation('pending'), messages: [], account: ACCOUNT });
  await chatwootSends(message(1001, 'My parcel AC-99812 never came', 'incoming', 'pending'));
  await chatwootSends(message(1002, 'Sorry, I could not find that order.', 'outgoing', 'pending', { id: 2, name: 'Acme Bot', type: 'agent_bot' }));
  // Chatwoot sometimes tells the handoff only as an update whose changed attributes say pending → open.
  expect(
    await chatwootSends({
      event: 'conversation_updated',
      ...conversation('open'),
      messages: [],
      changed_attributes: [{ status: { previous_value: 'pending', current_value: 'open' } }],
    }),
  ).toBe(201);

  const row = page.getByTestId('inbox-row').filter({ hasText: 'Priya Raman' });
  await row.click();
  await expect(page.getByTestId('handoff-card').getByTestId('handoff-customer')).toHaveText('Priya Raman');
  await page.getByTestId('accept-button').click();
  await expect(page.getByTestId('transcript')).toContainText('My parcel AC-99812 never came');

  const composer = page.getByTestId('composer-input');
  await composer.fill('Hi Priya, I have found your parcel.');
  await composer.press('Enter');
  await expect
    .poll(() => chatwoot.requests.find((r) => r.path === '/api/v1/accounts/4/conversations/88/messages'))
    .toMatchObject({
      method: 'POST',
      headers: { api_access_token: 'cw-agent-token', 'content-type': 'application/json' },
      body: { content: 'Hi Priya, I have found your parcel.', message_type: 'outgoing', private: false },
    });
  const agentTurn = (text: string) => page.getByTestId('transcript').getByTestId('turn').filter({ hasText: text });
  await expect(agentTurn('I have found your parcel').getByTestId('turn-channel-delivery')).toHaveAttribute('data-state', 'delivered');

  // Chatwoot refuses a message for good (422, with its reason): the agent sees it failed, and why.
  chatwoot.answer({ status: 422, body: { error: 'Conversation is not in a state to receive messages' } });
  await composer.fill('Are you still there?');
  await composer.press('Enter');
  const refused = agentTurn('Are you still there?').getByTestId('turn-channel-delivery');
  await expect(refused).toHaveAttribute('data-state', 'failed');
  await expect(refused).toContainText('Conversation is not in a state to receive messages');

  // Chatwoot tells us of the reply we posted (outgoing), then the customer answers (incoming).
  await chatwootSends(message(1004, 'Hi Priya, I have found your parcel.', 'outgoing', 'open', { id: 1, name: 'Warmline', type: 'user' }));
  await chatwootSends(message(1005, 'Wonderful, thank you!', 'incoming', 'open'));
  const customerTurns = page.getByTestId('transcript').locator('[data-author="customer"]');
  await expect(customerTurns.filter({ hasText: 'Wonderful, thank you!' })).toBeVisible();
  await expect(customerTurns.filter({ hasText: 'I have found your parcel' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/channel-chatwoot.png' });

  await page.keyboard.press('Alt+r');
  await page.getByTestId('resolve-disposition').selectOption('solved');
  await page.getByTestId('resolve-submit').click();
  await expect
    .poll(() => chatwoot.requests.find((r) => r.path === '/api/v1/accounts/4/conversations/88/toggle_status'))
    .toMatchObject({ method: 'POST', headers: { api_access_token: 'cw-agent-token' }, body: { status: 'resolved' } });
});

test('the customer’s photos in Chatwoot show inline for the agent, before and after the handoff, and the agent’s file reaches Chatwoot as an attachment', async ({ page }) => {
  const files = await fileHost({
    '/rails/active_storage/blobs/redirect/a1/kettle.png': { body: pngImage(80, 60, [30, 120, 200]), type: 'image/png' },
    '/rails/active_storage/blobs/redirect/b2/lid.png': { body: pngImage(40, 30, [200, 60, 40]), type: 'image/png' },
  });
  try {
    await openSignedIn(page, workstation.url);
    // Attachment#push_event_data: file_type, data_url, file_size; no name, no MIME type.
    const photo = (id: number, path: string) => ({ id, message_id: 1001, file_type: 'image', account_id: 4, extension: null, data_url: files.url(path), thumb_url: '', file_size: 1000 });
    await chatwootSends({ ...message(1001, 'My kettle arrived like this', 'incoming', 'pending'), attachments: [photo(7, '/rails/active_storage/blobs/redirect/a1/kettle.png')] });
    await chatwootSends({
      event: 'conversation_status_changed',
      ...conversation('open'),
      messages: [],
      changed_attributes: [{ status: { previous_value: 'pending', current_value: 'open' } }],
    });
    await page.getByTestId('inbox-row').filter({ hasText: 'Priya Raman' }).click();
    await page.getByTestId('accept-button').click();
    const transcript = page.getByTestId('transcript');
    await expect(transcript.getByTestId('turn').filter({ hasText: 'My kettle arrived like this' }).getByTestId('attachment-image')).toHaveAttribute('alt', 'kettle.png');

    await chatwootSends({ ...message(1006, '', 'incoming', 'open'), content: null, attachments: [photo(8, '/rails/active_storage/blobs/redirect/b2/lid.png')] });
    const lid = transcript.locator('[data-author="customer"] img[alt="lid.png"]');
    await expect(lid).toBeVisible();
    await expect.poll(() => lid.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);

    await page.getByTestId('composer-file-input').setInputFiles({ name: 'returns-label.pdf', mimeType: 'application/pdf', buffer: pdfFile() });
    await page.getByTestId('composer-input').fill('Here is your returns label.');
    await page.getByTestId('composer-send').click();
    await expect.poll(() => chatwoot.requests.find((r) => r.path === '/api/v1/accounts/4/conversations/88/messages')).toMatchObject({
      headers: { api_access_token: 'cw-agent-token', 'content-type': expect.stringMatching(/^multipart\/form-data/) },
    });
    const upload = String(chatwoot.requests.find((r) => r.path === '/api/v1/accounts/4/conversations/88/messages')?.body);
    expect(upload).toMatch(/name="content"\r\n\r\nHere is your returns label\.\r\n/);
    expect(upload).toMatch(/name="message_type"\r\n\r\noutgoing\r\n/);
    expect(upload).toMatch(/name="attachments\[\]"; filename="returns-label.pdf"\r\nContent-Type: application\/pdf\r\n\r\n%PDF-1.4/);
    await page.screenshot({ path: 'test-results/screenshots/channel-chatwoot-files.png' });
  } finally {
    await files.close();
  }
});
