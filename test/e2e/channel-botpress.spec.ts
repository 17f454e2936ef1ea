import { expect, test } from '@playwright/test';
import { botpressAgentUserId } from '../../src/hub/channels/botpress';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import type { RunningHub } from '../../src/hub/server';
import { startRecordingServer, type RecordingServer } from '../hub/adapters/recording-server';
import { setChannel } from './support/channel-setup';
import { recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

/**
 * Botpress's official HITL integration, end to end over HTTP. The requests are those
 * botpress/growth integrations/hitl-api makes (src/externalService.ts: POST
 * `${endpointBaseUrl}/<operation>` with `{ type: <operation>, … }` bodies of src/types.ts, no auth
 * header, the answers parsed as `{ id }`); the stand-in for Botpress records what reaches the
 * integration's webhook (src/handler.ts: /agent-assigned, /message-from-agent, /stop-hitl).
 */

let hub: RunningHub;
let botpress: RecordingServer;
let workstation: Awaited<ReturnType<typeof startTestWorkstation>>;

test.beforeEach(async () => {
  hub = await startTestHub();
  botpress = await startRecordingServer();
  workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  await setChannel(hub, 'botpress', { webhookUrl: `${botpress.url}/webhook-7f3e` });
});
test.afterEach(async () => {
  await workstation.close();
  await hub.close();
  await botpress.close();
});

/** What hitl-api's axios.post sends: JSON at the endpoint named after the body's type, nothing else. */
async function hitlApiCalls(operation: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const endpointBaseUrl = `${hub.url}/v1/integrations/botpress/${DEMO_INTEGRATION_TOKEN}`;
  const response = await fetch(`${endpointBaseUrl}/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/plain, */*' },
    body: JSON.stringify({ type: operation, ...body }),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(answer)).toBeLessThan(300);
  return answer;
}

test('a Botpress HITL ticket reaches the agent, the agent’s words and the resolve go back as hitl-api expects, and the customer’s answer comes in', async ({ page }) => {
  await openSignedIn(page, workstation.url);

  await hitlApiCalls('ping', {});
  const user = await hitlApiCalls('createRemoteUser', { payload: { role: 'end-user', name: 'Kofi Mensah', email: 'kofi@example.com' } });
  const remoteUserId = String(user.id);
  const ticket = await hitlApiCalls('createRemoteConversation', { payload: { title: 'Kettle arrived broken', description: 'Wants a replacement kettle; order 7781.' } });
  const remoteConversationId = String(ticket.id);
  // The same title from another customer is another ticket.
  const other = await hitlApiCalls('createRemoteConversation', { payload: { title: 'Kettle arrived broken' } });
  expect(other.id).not.toBe(remoteConversationId);
  await hitlApiCalls('botSendsMessage', { remoteConversationId, remoteUserId, payload: { text: 'The lid is cracked too.', userId: 'user_01JBPX' } });

  const row = page.getByTestId('inbox-row').filter({ hasText: 'Kettle arrived broken' }).first();
  await row.click();
  await expect(page.getByTestId('handoff-card').getByTestId('handoff-issue')).toHaveText('Kettle arrived broken');
  await page.getByTestId('accept-button').click();
  await expect(page.getByTestId('transcript')).toContainText('The lid is cracked too.');

  const agent = botpressAgentUserId('agent', 'Alex Agent');
  await expect.poll(() => botpress.requests.find((r) => r.path === '/webhook-7f3e/agent-assigned')).toMatchObject({
    method: 'POST',
    body: { remoteConversationId, remoteUserId: agent },
  });

  const composer = page.getByTestId('composer-input');
  await composer.fill('Sorry about that, Kofi. A new kettle ships today.');
  await composer.press('Enter');
  await expect.poll(() => botpress.requests.find((r) => r.path === '/webhook-7f3e/message-from-agent')).toMatchObject({
    method: 'POST',
    body: { remoteConversationId, remoteUserId: agent, messageType: 'text', payload: { text: 'Sorry about that, Kofi. A new kettle ships today.' } },
  });
  const reply = page.getByTestId('transcript').getByTestId('turn').filter({ hasText: 'A new kettle ships today' });
  await expect(reply.getByTestId('turn-channel-delivery')).toHaveAttribute('data-state', 'delivered');

  // The bot's own message (remote user BOT) is not the customer's; the customer's answer after it is.
  await hitlApiCalls('botSendsMessage', { remoteConversationId, remoteUserId: 'BOT', payload: { text: 'Bot: still connecting you' } });
  await hitlApiCalls('botSendsMessage', { remoteConversationId, remoteUserId, payload: { text: 'Thank you so much!', userId: 'user_01JBPX' } });
  const transcript = page.getByTestId('transcript');
  await expect(transcript.locator('[data-author="customer"]').filter({ hasText: 'Thank you so much!' })).toBeVisible();
  await expect(transcript).not.toContainText('Bot: still connecting you');
  await page.screenshot({ path: 'test-results/screenshots/channel-botpress.png' });

  await page.keyboard.press('Alt+r');
  await page.getByTestId('resolve-disposition').selectOption('solved');
  await page.getByTestId('resolve-submit').click();
  await expect.poll(() => botpress.requests.find((r) => r.path === '/webhook-7f3e/stop-hitl')).toMatchObject({
    method: 'POST',
    body: { remoteConversationId },
  });
});

test('the customer ending the HITL session in Botpress shows the agent that the customer left', async ({ page }) => {
  // hitl-api's stopHitl names Botpress's own hitl conversation; the hub asks Botpress's Runtime API
  // (GET /v1/chat/conversations/{id}, PAT + x-bot-id) which ticket that conversation is tagged with.
  const api = await startRecordingServer();
  try {
    await setChannel(hub, 'botpress', { webhookUrl: `${botpress.url}/webhook-7f3e`, apiToken: 'bp_pat_e2e0123456789', botId: 'bot-e2e-42', apiUrl: api.url });
    await openSignedIn(page, workstation.url);
    const ticket = await hitlApiCalls('createRemoteConversation', { payload: { title: 'Toaster sparks when switched on' } });
    await page.getByTestId('inbox-row').filter({ hasText: 'Toaster sparks' }).first().click();
    await page.getByTestId('accept-button').click();
    await expect.poll(() => botpress.requests.some((r) => r.path === '/webhook-7f3e/agent-assigned')).toBe(true);

    const hitlConversation = 'conv_01JBQ2R3S4T5V6W7X8Y9Z';
    api.answer({ status: 200, body: { conversation: { id: hitlConversation, channel: 'hitl', integration: 'plus/hitl-api', tags: { 'plus/hitl-api:externalId': ticket.id } } } });
    await hitlApiCalls('closeRemoteTicket', { payload: { botpressConversationId: hitlConversation } });

    await expect(page.getByTestId('transcript')).toContainText('The customer left the conversation (Botpress closed the ticket).');
    expect(api.requests[0]).toMatchObject({ method: 'GET', path: `/v1/chat/conversations/${hitlConversation}`, headers: { authorization: 'Bearer bp_pat_e2e0123456789', 'x-bot-id': 'bot-e2e-42' } });
  } finally {
    await api.close();
  }
});

test('the agent sees the customer’s name once their first message names the remote user hitl-api created', async ({ page }) => {
  // hitl-api's createRemoteConversation says nobody's ticket it is; botSendsMessage carries the remote user.
  await openSignedIn(page, workstation.url);
  const user = await hitlApiCalls('createRemoteUser', { payload: { role: 'end-user', name: 'Amara Okafor', email: 'amara@example.com' } });
  const ticket = await hitlApiCalls('createRemoteConversation', { payload: { title: 'Blender missing its jug' } });

  const row = page.getByTestId('inbox-row').filter({ hasText: 'Blender missing its jug' }).first();
  await expect(row.getByTestId('inbox-row-name')).toHaveText(/^Customer /);
  await row.click();
  await expect(page.getByTestId('handoff-customer')).toHaveText(/^Customer /);

  await hitlApiCalls('botSendsMessage', { remoteConversationId: ticket.id, remoteUserId: user.id, payload: { text: 'Only the base came in the box.', userId: 'user_01JBQA' } });

  await expect(page.getByTestId('handoff-customer')).toHaveText('Amara Okafor');
  await expect(row.getByTestId('inbox-row-name')).toHaveText('Amara Okafor');
  await page.getByTestId('accept-button').click();
  await expect(page.getByTestId('conversation-customer')).toContainText('Amara Okafor');
  await expect(page.getByTestId('transcript')).toContainText('Only the base came in the box.');
  await page.screenshot({ path: 'test-results/screenshots/channel-botpress-customer-named.png' });
});
