import { defineConfig } from '@playwright/test';

// Runtime checks of the Electron shell (test/electron). They need the Electron binary and the
// built app (`npx electron-vite build`); without the binary every test says so and is skipped.
export default defineConfig({
  testDir: 'test/electron',
  outputDir: 'test-results/electron',
  timeout: 60_000,
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
});
