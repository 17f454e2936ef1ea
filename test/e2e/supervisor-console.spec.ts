import { expect, test, type Locator } from '@playwright/test';
import { createHandlers } from '../../src/main/core/handlers';
import { SCREENSHOTS } from './support/floor';
import { customerLog, monitorTranscript, say, useConsoleFloor } from './support/console-floor';

/**
 * The supervisor console watching a chat, against a real hub: two supervisors monitoring the same
 * chat live, and a whisper that reaches the agent and the consoles but never the customer. The
 * console's interventions (flags, barge, take-over) are in supervisor-console-intervene.spec.ts.
 */
const floor = useConsoleFloor();

test('two supervisors monitor the same chat: both see new turns live and the agent typing', async ({ browser }) => {
  const { agent, priya } = floor;
  const chat = await floor.acceptedChat(browser, 'Zoë Brontë');
  for (const page of floor.consoles()) await floor.monitor(page, chat);

  const composer = agent.getByTestId('composer-input');
  await composer.fill('Hi Zoë, I can help with the router.');
  await composer.press('Enter');
  await expect(customerLog(chat)).toContainText('Hi Zoë, I can help with the router.');
  await say(chat, 'It is a TP-Link, the light went purple');
  for (const page of floor.consoles()) {
    await expect(monitorTranscript(page).getByTestId('monitor-turn').filter({ hasText: 'Hi Zoë, I can help with the router.' })).toHaveAttribute('data-author', 'agent');
    await expect(monitorTranscript(page).getByTestId('monitor-turn').filter({ hasText: 'It is a TP-Link' })).toHaveAttribute('data-author', 'customer');
  }

  // The agent composer does not send the typing signal yet (agent workspace, H5): the signal goes
  // through the agent workstation's own IPC handler, the channel the composer is to call.
  await composer.fill('Let me check');
  const typing = await createHandlers(floor.agentStation.core)['conversations:typing']({ id: chat.conversationId });
  expect(typing).toBeNull();
  for (const page of floor.consoles()) await expect(page.getByTestId('agent-typing')).toHaveText('Agent is typing…');
  // Monitoring is silent: neither the customer nor the agent is told.
  await expect(customerLog(chat)).not.toContainText('Priya');
  await expect(floor.agentTranscript()).not.toContainText('Priya');

  await priya.screenshot({ path: `${SCREENSHOTS}/supervisor-console.png`, fullPage: true });
  await priya.getByTestId('console-queues').screenshot({ path: `${SCREENSHOTS}/supervisor-queues.png` });
  await priya.getByTestId('console-agents').screenshot({ path: `${SCREENSHOTS}/supervisor-agents.png` });
  await priya.getByTestId('escalation-radar').screenshot({ path: `${SCREENSHOTS}/supervisor-radar.png` });
  await priya.getByTestId('monitor-panel').screenshot({ path: `${SCREENSHOTS}/supervisor-monitor.png` });
});

test('a whisper reaches the agent marked as a whisper and both consoles watching, and the customer never sees it, live or after reloading', async ({ browser }) => {
  const { agent } = floor;
  const chat = await floor.acceptedChat(browser, 'Ines Okoro');
  for (const page of floor.consoles()) await floor.monitor(page, chat);
  await floor.whisper('Offer the goodwill voucher.');

  const whisperOn = (transcript: Locator) => transcript.locator('[data-whisper="true"]').filter({ hasText: 'Offer the goodwill voucher.' });
  await expect(whisperOn(floor.agentTranscript())).toBeVisible();
  await expect(whisperOn(floor.agentTranscript()).getByTestId('turn-whisper')).toContainText('Whisper from Priya Supervisor');
  for (const page of floor.consoles()) {
    await expect(monitorTranscript(page).getByTestId('monitor-turn').filter({ hasText: 'Offer the goodwill voucher.' })).toHaveAttribute('data-author', 'supervisor');
    await expect(whisperOn(monitorTranscript(page))).toBeVisible();
  }

  // Something the agent sends after the whisper has reached the customer, so the whisper had its chance.
  await agent.getByTestId('composer-input').fill('Here is a voucher for the trouble.');
  await agent.getByTestId('composer-input').press('Enter');
  await expect(customerLog(chat)).toContainText('Here is a voucher for the trouble.');
  await expect(customerLog(chat)).not.toContainText('Offer the goodwill voucher.');
  await chat.customer.reload();
  await expect(customerLog(chat)).toContainText('Here is a voucher for the trouble.');
  await expect(customerLog(chat)).not.toContainText('Offer the goodwill voucher.');
});
