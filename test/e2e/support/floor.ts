import { mkdirSync } from 'node:fs';
import { test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import type { RunningHub } from '../../../src/hub/server';
import { recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './stack';

export const SCREENSHOTS = 'test-results/screenshots';

type Workstation = Awaited<ReturnType<typeof startTestWorkstation>>;

export interface Floor {
  /** The hub of the running test. */
  readonly hub: RunningHub;
  /** A person signed in through the UI on a workstation of their own. */
  signedIn(browser: Browser, email: string): Promise<Page>;
}

/** A fresh hub per test, and every workstation a test signs in closed after it. */
export function freshFloorPerTest(context: BrowserContextOptions = {}): Floor {
  let hub: RunningHub | undefined;
  let stations: Workstation[] = [];
  test.beforeEach(async () => {
    hub = await startTestHub();
    stations = [];
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  test.afterEach(async () => {
    for (const station of stations) await station.close();
    await hub?.close();
  });
  const running = (): RunningHub => {
    if (!hub) throw new Error('the floor is used outside a test');
    return hub;
  };
  return {
    get hub() {
      return running();
    },
    async signedIn(browser, email) {
      const station = await startTestWorkstation(running().url, recordingNotifier().notifier);
      stations.push(station);
      const page = await (await browser.newContext(context)).newPage();
      await openSignedIn(page, station.url, email);
      return page;
    },
  };
}
