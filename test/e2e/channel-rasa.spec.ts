import { expect, test } from '@playwright/test';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import { postSigned } from '../support/signed-callback-receiver';
import { useGenericChannelStack } from './support/generic-channel-stack';
import { openSignedIn } from './support/stack';

/**
 * Rasa end to end. Rasa calls the hub as its action endpoint for the handoff action, with the body
 * of RasaHQ/rasa `rasa/core/actions/action.py` (`RemoteAction._action_call_format`) and the token as
 * a static header of `endpoints.yml`. After the handoff, the integrator's Rasa channel connector
 * takes the hub's signed callbacks (the recording stand-in here) and forwards the customer's
 * messages in the REST channel's body (`rasa/core/channels/rest.py`) with their message id.
 */

const SECRET = `whsec_${Buffer.from('channel-rasa-e2e-signing-secret!').toString('base64')}`;
const current = useGenericChannelStack('rasa', SECRET);

const sender = `rasa-${Date.now()}`;
const tracker = {
  sender_id: sender,
  slots: { name: 'Lena Fischer', card_last4: '4417', requested_slot: null, session_started_metadata: null },
  latest_message: { intent: { name: 'human_handoff', confidence: 0.94 }, text: 'let me talk to a person' },
  latest_action_name: 'action_listen',
  latest_input_channel: 'rest',
  paused: false,
  latest_event_time: 1795169000.5,
  events: [
    { event: 'action', timestamp: 1795168990.1, name: 'action_listen' },
    { event: 'user', timestamp: 1795168991.2, text: 'my card was declined in Lisbon', message_id: 'u-1', input_channel: 'rest', parse_data: { intent: { name: 'card_declined', confidence: 0.88 } } },
    { event: 'bot', timestamp: 1795168992.4, text: 'I can see the decline but cannot unblock it from here.' },
    { event: 'user', timestamp: 1795168999.0, text: 'let me talk to a person', message_id: 'u-2', input_channel: 'rest' },
    { event: 'action', timestamp: 1795169000.5, name: 'action_listen' },
  ],
};

test('a Rasa handoff action reaches the agent, and the conversation goes on through a Rasa channel connector', async ({ page }) => {
  const { hub, workstation, receiver: connector } = current();
  await openSignedIn(page, workstation.url);
  const actionCall = { next_action: 'action_handoff_to_human', sender_id: sender, tracker, domain: { version: '3.1', intents: ['card_declined', 'human_handoff'] }, version: '3.6.20' };
  const answer = await fetch(`${hub.url}/v1/integrations/rasa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
    body: JSON.stringify(actionCall),
  });
  expect(answer.status).toBe(201);
  // Rasa runs the answer's events: the bot pauses while the agent has the customer.
  const body = (await answer.json()) as { events: unknown[]; conversationId: string };
  expect(body.events).toEqual([{ event: 'pause' }]);

  const other = await fetch(`${hub.url}/v1/integrations/rasa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
    body: JSON.stringify({ ...actionCall, next_action: 'action_check_balance', sender_id: 'rasa-other', tracker: { ...tracker, sender_id: 'rasa-other' } }),
  });
  expect(other.status).toBe(200);

  await page.getByTestId('inbox-row').filter({ hasText: 'Lena Fischer' }).click();
  const card = page.getByTestId('handoff-card');
  await expect(card.getByTestId('handoff-field').filter({ hasText: '4417' })).toBeVisible();
  await expect(card).not.toContainText(/next action|3\.6\.20|domain/i);
  await page.getByTestId('accept-button').click();
  const transcript = page.getByTestId('transcript');
  await expect(transcript).toContainText('my card was declined in Lisbon');

  const composer = page.getByTestId('composer-input');
  await composer.fill('Hi Lena, I have unblocked the card for Portugal.');
  await composer.press('Enter');
  await expect.poll(() => connector.messagesOf(body.conversationId)).toEqual(['Hi Lena, I have unblocked the card for Portugal.']);

  const forwarded = await postSigned(`${hub.url}/v1/integrations/rasa`, DEMO_INTEGRATION_TOKEN, SECRET, 'rasa-msg-1', {
    sender,
    message: 'It works now, thank you!',
    message_id: 'a6f0c2d4e8',
    input_channel: 'rest',
  });
  expect(forwarded.status).toBeLessThan(300);
  await expect(transcript.getByTestId('turn').filter({ hasText: 'It works now, thank you!' })).toHaveAttribute('data-author', 'customer');
  await expect(page.getByTestId('inbox-row')).toHaveCount(1);
  expect(connector.refused).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/channel-rasa.png' });
});
