import { DEMO_WALLBOARD_TOKEN } from '../../hub/demo/seed';
import { startDemoShift } from '../../hub/demo/shift';
import { startHub } from '../../hub/server';

export interface DemoHubOptions {
  dataDir: string;
  port?: number;
  /** Demo handoffs per minute (0 for none). */
  trafficPerMinute: number;
  /** better-sqlite3's addon for the running runtime: the Electron build inside the desktop app. */
  nativeBinding?: string;
}

/** The embedded hub of demo mode: loopback only, demo accounts, realistic traffic and simulated colleagues. */
export async function startDemoHub(options: DemoHubOptions) {
  // A newcomer looks around before accepting: a longer offer window than the hub's 30 s default.
  const running = await startHub({ port: options.port ?? 0, host: '127.0.0.1', dataDir: options.dataDir, demo: true, offerTimeoutMs: 90_000, nativeBinding: options.nativeBinding });
  const shift = await startDemoShift(running, { perMinute: options.trafficPerMinute });
  return {
    url: running.url,
    /** The demo wallboard's long-lived token: `<url>/wallboard/?token=…` opens the board. */
    wallboardUrl: `${running.url}/wallboard/?token=${DEMO_WALLBOARD_TOKEN}`,
    async close(): Promise<void> {
      await shift.stop();
      await running.close();
    },
  };
}
