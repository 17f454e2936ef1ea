import { test } from '@playwright/test';
import type { RunningHub } from '../../../src/hub/server';
import { connectDemoIntegration } from '../../support/channel-setup';
import { startSignedCallbackReceiver } from '../../support/signed-callback-receiver';
import { recordingNotifier, startTestHub, startTestWorkstation } from './stack';

/**
 * A hub, an agent's workstation, and the integrator's side of the generic connector (a receiver
 * that verifies the hub's signed callbacks), with the demo integration connected to `platform`.
 */
export async function startGenericChannelStack(platform: string, secret: string) {
  const hub: RunningHub = await startTestHub();
  const workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  const receiver = await startSignedCallbackReceiver(secret);
  await connectDemoIntegration(hub, { platform, callbackUrl: receiver.url, secret });
  return {
    hub,
    workstation,
    receiver,
    async close() {
      await receiver.close();
      await workstation.close();
      await hub.close();
    },
  };
}

/** Starts the stack before each test of the file and closes it after; call the result inside a test. */
export function useGenericChannelStack(platform: string, secret: string) {
  let stack: Awaited<ReturnType<typeof startGenericChannelStack>> | undefined;
  test.beforeEach(async () => {
    stack = await startGenericChannelStack(platform, secret);
  });
  test.afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });
  return () => {
    if (!stack) throw new Error('the channel stack runs only inside a test');
    return stack;
  };
}
