import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The part of Electronegativity's programmatic API and result this test reads. */
interface Finding {
  id: string;
  file: string;
  description: string;
  severity?: { name: string };
  confidence?: { name: string };
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: unknown[];
  issues: Finding[];
}
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

const run = createRequire(__filename)('@doyensec/electronegativity') as Run;

/**
 * Findings we accept, each with the reason. Anything else fails the run. Keys are `ID file`
 * (file relative to src/).
 */
const ALLOWED: Record<string, string> = {
  // The scanner cannot follow a function call: the preferences come from secureWebPreferences(),
  // whose contextIsolation: true / sandbox: true / disableBlinkFeatures: 'Auxclick' are pinned by
  // test/security/electron-checklist.test.ts ("creates the window with context isolation, the sandbox…").
  'CONTEXT_ISOLATION_JS_CHECK main/shell/window-factory.ts': 'preferences built by secureWebPreferences, pinned by a unit test',
  'SANDBOX_JS_CHECK main/shell/window-factory.ts': 'preferences built by secureWebPreferences, pinned by a unit test',
  'AUXCLICK_JS_CHECK main/shell/window-factory.ts': 'Auxclick disabled in secureWebPreferences; new windows are denied anyway',
  // The one openExternal call: the URL has passed allowedExternalUrl (https, allowlisted host, no
  // credentials) first; the checklist test proves file:, javascript:, smb: and other hosts never reach it.
  'OPEN_EXTERNAL_JS_CHECK main/shell/external-links.ts': 'only after the https host allowlist',
  // The identity provider's page (RFC 8252: the system browser): the URL has passed isAllowedHubUrl
  // (https, or http on loopback) first; provider-sign-in.test.ts proves a file: address never opens.
  'OPEN_EXTERNAL_JS_CHECK main/core/provider-sign-in.ts': 'only after the hub URL rule',
  // The scanner's CSP evaluator flags `connect-src ws: wss:` and `img-src data:`. Browser mode talks
  // to its bridge over WebSocket (older engines do not match ws: to 'self'); data: images are inert
  // (no script runs from an <img>). script-src is 'self' only, object-src 'none', no inline, no eval.
  'CSP_GLOBAL_CHECK renderer/index.html': 'ws:/wss: for the browser-mode bridge, data: images only',
  // The wallboard page talks to the hub's stream over WebSocket; the same evaluation as index.html.
  'CSP_GLOBAL_CHECK renderer/wallboard.html': 'ws:/wss: for the hub stream, data: images only',
  // index.ts hands shell.openExternal to the core's link opener (src/main/services/links.ts), which
  // calls it only after allowedExternalUrl; test/main/services/links.test.ts proves refused URLs never reach it.
  'OPEN_EXTERNAL_JS_CHECK main/index.ts': 'passed to the link opener, called only after the allowlist',
  // The kiosk wallboard window: preferences are secureWebPreferences() (pinned by the checklist test)
  // and deliberately no preload — the board is the hub's plain web page and gets no IPC at all.
  'CONTEXT_ISOLATION_JS_CHECK main/window.ts': 'wallboard window: secureWebPreferences, pinned by a unit test',
  'SANDBOX_JS_CHECK main/window.ts': 'wallboard window: secureWebPreferences, pinned by a unit test',
  'AUXCLICK_JS_CHECK main/window.ts': 'wallboard window: Auxclick disabled in secureWebPreferences; new windows denied',
  'PRELOAD_JS_CHECK main/window.ts': 'wallboard window has no preload on purpose: no IPC for a wall screen',
};

describe('the Electronegativity scan of src/', () => {
  it(
    'finds nothing beyond the justified allowlist',
    async () => {
      const result = await run({
        input: resolve(__dirname, '../../src'),
        isRelative: true,
        electronVersionOverride: '45.4.1',
        // Downloads the Electron release list from GitHub (no network here); the supported-major
        // check is electron-checklist.test.ts "pins Electron 45".
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
      });
      expect(result.errors).toEqual([]);
      expect(result.atomicChecks).toBeGreaterThan(30);
      const unexpected = result.issues
        .map((issue) => `${issue.id} ${issue.file}`)
        .filter((key) => !(key in ALLOWED));
      expect(unexpected, 'new Electronegativity findings: fix them or justify them in ALLOWED').toEqual([]);
    },
    120_000,
  );
});
