import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and preload are bundled for Node/Electron; the renderer is a plain web build that browser
// mode serves as it is. Native and server packages stay external to the main bundle.
// The embedded hub serves the demo chat widget from `<its dir>/widget`; in the bundle that is out/main.
const copyChatWidget = {
  name: 'warmline-copy-chat-widget',
  closeBundle() {
    cpSync(resolve(__dirname, 'src/hub/chat/widget'), resolve(__dirname, 'out/main/widget'), { recursive: true });
  },
};

export default defineConfig({
  main: {
    plugins: [copyChatWidget],
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The embedded hub enriches handoffs on a worker thread, started from <its dir>/enrichment-worker.js.
          'enrichment-worker': resolve(__dirname, 'src/hub/intake/enrichment-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot require() local chunks: emit one self-contained CJS file.
        output: { format: 'cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          // The wall screen's own page: the hub serves it at /wallboard/ to any plain browser.
          wallboard: resolve(__dirname, 'src/renderer/wallboard.html'),
        },
      },
    },
  },
});
