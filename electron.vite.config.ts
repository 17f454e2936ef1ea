import { randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { ConfigEnv, Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Main and preload are bundled for Node/Electron; the renderer is a plain web build that browser
// mode serves as it is. Native and server packages stay external to the main bundle; the sandboxed
// preload bundles everything it uses, since its require() knows only electron, events, timers and url.

/** The embedded hub serves the demo chat widget from `<its dir>/widget`; in the bundle that is <outDir>/main. */
function copyChatWidget(): Plugin {
  let outDir = '';
  return {
    name: 'warmline-copy-chat-widget',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      cpSync(resolve(__dirname, 'src/hub/chat/widget'), join(outDir, 'widget'), { recursive: true });
    },
  };
}

// `npm run dev`: the window loads the renderer from this server through app://warmline (src/main/shell/app-protocol.ts).
const DEV_SERVER = { host: '127.0.0.1', port: 5173 };

/**
 * Development only: the page's CSP is the header the main process sends (the dev policy, with this
 * run's nonce), so the build's meta policy, which would block Vite's injected elements, is dropped.
 */
function devContentSecurity(): Plugin {
  return {
    name: 'warmline-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  };
}

function devNonce({ command }: ConfigEnv): string | undefined {
  if (command !== 'serve') return undefined;
  // Electron is started by this same process after the config loads, so it inherits the nonce.
  process.env.WARMLINE_DEV_CSP_NONCE ??= randomBytes(18).toString('base64');
  return process.env.WARMLINE_DEV_CSP_NONCE;
}

export default defineConfig((env) => ({
  main: {
    plugins: [copyChatWidget()],
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
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
        // A sandboxed preload cannot require() local chunks: emit one self-contained CJS file.
        output: { format: 'cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), devContentSecurity()],
    html: { cspNonce: devNonce(env) },
    server: { ...DEV_SERVER, strictPort: true, hmr: { protocol: 'ws', host: DEV_SERVER.host, clientPort: DEV_SERVER.port } },
    build: {
      // electron-vite leaves the renderer unminified; every window, browser tab and wallboard then
      // parses twice the code before its first paint.
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          // The wall screen's own page: the hub serves it at /wallboard/ to any plain browser.
          wallboard: resolve(__dirname, 'src/renderer/wallboard.html'),
        },
      },
    },
  },
}));
