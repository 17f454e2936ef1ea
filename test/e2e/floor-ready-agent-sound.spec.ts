import { expect, test } from '@playwright/test';
import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';

/**
 * An offer is heard on a fresh workstation, and the agent can silence it with one clear switch.
 * The workstation's notifier records what it would show, sound included.
 */
type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

let hub: RunningHub;
let station: Workstation;
let notifications: ReturnType<typeof recordingNotifier>;

test.beforeEach(async () => {
  hub = await startTestHub();
  notifications = recordingNotifier();
  station = await startTestWorkstation(hub.url, notifications.notifier);
});
test.afterEach(async () => {
  await station.close();
  await hub.close();
});

test('offers make a sound on a fresh workstation, and "Sound for offers" turns it off', async ({ page }) => {
  await openSignedIn(page, station.url, 'agent@demo');
  const sound = page.getByLabel('Sound for offers');
  await expect(sound).toBeChecked();
  await postHandoff(hub.url, handoffEnvelope());
  await expect.poll(() => notifications.shown.map((shown) => [shown.title, (shown as { sound?: boolean }).sound])).toEqual([['Maria Okafor', true]]);

  // The switch shows the saved preference, so it turns off once the workstation has stored it.
  await sound.click();
  await expect(sound).not.toBeChecked();
  await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Jonas Weber' } }));
  await expect.poll(() => notifications.shown.map((shown) => [shown.title, (shown as { sound?: boolean }).sound])).toEqual([
    ['Maria Okafor', true],
    ['Jonas Weber', false],
  ]);
});
