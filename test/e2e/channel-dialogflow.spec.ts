import { expect, test } from '@playwright/test';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import { postSigned } from '../support/signed-callback-receiver';
import { useGenericChannelStack } from './support/generic-channel-stack';
import { openSignedIn } from './support/stack';

/**
 * Dialogflow CX end to end. Dialogflow calls the hub as the page's webhook with the WebhookRequest
 * of googleapis/googleapis `google/cloud/dialogflow/cx/v3/webhook.proto` (the handoff turn's
 * `messages` with a `liveAgentHandoff` of `response_message.proto`), carrying the integration token
 * as one of the static `requestHeaders` a CX webhook can send. After the handoff, the integrator's
 * chat front end continues on the generic connector: the agent's replies arrive as signed
 * callbacks, the customer's messages go to `/v1/conversations/:id/customer-messages`.
 */

const SECRET = `whsec_${Buffer.from('channel-dialogflow-e2e-secret-01').toString('base64')}`;
const current = useGenericChannelStack('dialogflow-cx', SECRET);

const session = `dfx-${Date.now()}`;
const webhookRequest = {
  detectIntentResponseId: `resp-${session}`,
  languageCode: 'en',
  fulfillmentInfo: { tag: 'live-agent-handoff' },
  intentInfo: { lastMatchedIntent: 'projects/acme/locations/global/agents/parcel-agent/intents/7f3a', displayName: 'talk.to.agent', confidence: 0.97 },
  pageInfo: { currentPage: 'projects/acme/locations/global/agents/parcel-agent/flows/00000000-0000-0000-0000-000000000000/pages/live-agent', displayName: 'Live agent' },
  sessionInfo: {
    session: `projects/acme/locations/global/agents/parcel-agent/sessions/${session}`,
    parameters: { 'caller-name': 'Kwame Mensah', tracking_number: 'PX-4471' },
  },
  messages: [
    { text: { text: ['Let me get you a person who can check the depot.'] }, responseType: 'HANDLER_PROMPT' },
    { liveAgentHandoff: { metadata: { reason: 'customer_requested', queue: 'support' } } },
  ],
  text: 'My parcel PX-4471 says delivered but it is not here, I need a person',
};

test('a Dialogflow CX live agent handoff reaches the agent, and the conversation goes on through the generic connector', async ({ page }) => {
  const { hub, workstation, receiver: frontEnd } = current();
  await openSignedIn(page, workstation.url);
  const answer = await fetch(`${hub.url}/v1/integrations/dialogflow-cx`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
    body: JSON.stringify(webhookRequest),
  });
  expect(answer.status).toBe(201);
  // A WebhookResponse: the session parameters tell the flow (and the front end) the hub's conversation.
  const response = (await answer.json()) as { sessionInfo: { parameters: { warmline_conversation_id: string; warmline_handoff_state: string } } };
  const conversationId = response.sessionInfo.parameters.warmline_conversation_id;
  expect(response.sessionInfo.parameters.warmline_handoff_state).toBe('accepted');

  await page.getByTestId('inbox-row').filter({ hasText: 'Kwame Mensah' }).click();
  await expect(page.getByTestId('handoff-card').getByTestId('handoff-field').filter({ hasText: 'PX-4471' })).toBeVisible();
  await page.getByTestId('accept-button').click();
  const transcript = page.getByTestId('transcript');
  await expect(transcript).toContainText('My parcel PX-4471 says delivered');
  await expect(transcript).toContainText('Let me get you a person who can check the depot.');

  const composer = page.getByTestId('composer-input');
  await composer.fill('Hi Kwame, I am calling the depot now.');
  await composer.press('Enter');
  await expect.poll(() => frontEnd.messagesOf(conversationId)).toEqual(['Hi Kwame, I am calling the depot now.']);
  expect(frontEnd.accepted.map(({ callback }) => callback.type)).toContain('accepted');

  const posted = await postSigned(`${hub.url}/v1/conversations/${conversationId}/customer-messages`, DEMO_INTEGRATION_TOKEN, SECRET, 'dfx-msg-1', {
    messageId: 'dfx-msg-1',
    text: 'Thanks! The neighbour might have it.',
  });
  expect(posted.status).toBeLessThan(300);
  await expect(transcript.getByTestId('turn').filter({ hasText: 'Thanks! The neighbour might have it.' })).toHaveAttribute('data-author', 'customer');
  expect(frontEnd.refused).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/channel-dialogflow.png' });
});
