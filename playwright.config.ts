import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. The flags keep it off the (closed) network.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two spec files at once on a two-core machine: much of an e2e test is waiting on a hub, a
  // workstation and Chromium. Each spec starts its own on free ports and temporary folders.
  workers: 2,
  // One retry in CI only: a test that passes on retry is reported as flaky by name in the list
  // reporter, never hidden; locally a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.WARMLINE_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    viewport: { width: 1360, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
