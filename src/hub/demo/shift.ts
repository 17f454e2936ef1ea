import { createIntegrationSettings } from '../services/integration-settings';
import type { RunningHub } from '../server';
import { startDemoBots } from './demo-bots';
import { FLOOR_AGENTS, paceFor, startDemoFloor, type FloorPace } from './floor';
import { addDemoPeople, DEMO_INTEGRATION_TOKEN, DEMO_SEED_ACTOR } from './seed';
import { startDemoTraffic } from './traffic';

export interface DemoShiftOptions {
  /** Demo handoffs per minute; 0 starts nothing (tests and a quiet hub). */
  perMinute: number;
  pace?: FloorPace;
}

/**
 * A demo shift on a listening demo hub: bots hand off `perMinute` chats and take the hub's
 * callbacks, and simulated colleagues work the chats, so the queues move.
 */
export async function startDemoShift(running: Pick<RunningHub, 'hub' | 'url'>, options: DemoShiftOptions) {
  if (options.perMinute <= 0) return { bots: null, stop: async () => undefined };
  const { hub } = running;
  await addDemoPeople(hub.administration, FLOOR_AGENTS);
  const bots = await startDemoBots();
  const integration = await hub.context.accounts.integrationById('demo');
  if (integration) await createIntegrationSettings(hub.db, hub.context).setCallback(DEMO_SEED_ACTOR, integration, bots.url, undefined);
  const floor = startDemoFloor({ hubUrl: running.url, pace: options.pace ?? paceFor(options.perMinute) });
  const traffic = startDemoTraffic({ hubUrl: running.url, token: DEMO_INTEGRATION_TOKEN, perMinute: options.perMinute });
  await floor.ready;
  return {
    bots,
    async stop(): Promise<void> {
      traffic.stop();
      await floor.stop();
      await bots.close();
    },
  };
}
