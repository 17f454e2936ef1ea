import { expect, test } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';
import { signIn } from '../support/sign-in';

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

async function agentMessagesOnHub(conversationId: string, token: string): Promise<string[]> {
  const response = await fetch(`${hub.url}/v1/conversations/${conversationId}`, { headers: { authorization: `Bearer ${token}` } });
  const view = (await response.json()) as { messages: { author: string; text: string }[] };
  return view.messages.filter((message) => message.author === 'agent').map((message) => message.text);
}

test('the composer warns before an agent asks for the order number the customer already gave, and sends only when told to', async ({ page }) => {
  await openSignedIn(page, workstation.url);
  const conversationId = await postHandoff(hub.url, handoffEnvelope());
  await page.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' }).click();
  await page.getByTestId('accept-button').click();

  const composer = page.getByTestId('composer-input');
  const question = 'Could you give me your order number?';
  await composer.fill(question);
  await composer.press('Enter');

  const warning = page.getByTestId('repeat-ask-warning');
  await expect(warning.getByTestId('repeat-ask-item')).toHaveText(['Maria already gave their order number: 555 (verified)']);
  await expect(composer).toHaveValue(question);
  await expect(composer).toBeFocused();
  const token = await signIn(hub.url, 'supervisor@demo');
  expect(await agentMessagesOnHub(conversationId, token)).toEqual([]);
  await expect(page.getByTestId('transcript').getByTestId('turn').filter({ hasText: question })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/repeat-ask-warning.png' });

  await warning.getByTestId('repeat-ask-send-anyway').click();
  const sent = page.getByTestId('transcript').getByTestId('turn').filter({ hasText: question });
  await expect(sent).toHaveAttribute('data-author', 'agent');
  await expect(warning).toHaveCount(0);
  await expect(composer).toHaveValue('');
  await expect.poll(() => agentMessagesOnHub(conversationId, token)).toEqual([question]);

  // The customer answers over the platform; their reply shows up in the agent's transcript.
  await hub.hub.context.service.customerSays(conversationId, 'It is 555, as I told the bot.', 'customer-1');
  const answer = page.getByTestId('transcript').getByTestId('turn').filter({ hasText: 'It is 555, as I told the bot.' });
  await expect(answer).toHaveAttribute('data-author', 'customer');

  const metrics = await fetch(`${hub.url}/v1/metrics/repeat-information`, { headers: { authorization: `Bearer ${token}` } });
  expect(await metrics.json()).toMatchObject({ conversations: 1, withRepeatAsk: 1, rate: 1 });
});
