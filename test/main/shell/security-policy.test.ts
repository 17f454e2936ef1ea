import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../../src/main/browser/bridge-server';
import { allowedExternalUrl, isInAppNavigation, isPermissionGranted, isTrustedSenderUrl, secureWebPreferences } from '../../../src/main/shell/security-policy';

describe('the Electron security checklist', () => {
  it('creates windows with context isolation, the sandbox, no Node and no webview', () => {
    expect(secureWebPreferences('/app/preload.js')).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('answers IPC only from the app page in the top frame', () => {
    expect(isTrustedSenderUrl('app://warmline/', true)).toBe(true);
    expect(isTrustedSenderUrl('app://warmline/wallboard', false)).toBe(false);
    expect(isTrustedSenderUrl('https://evil.example/', true)).toBe(false);
    expect(isTrustedSenderUrl('file:///etc/passwd', true)).toBe(false);
    expect(isTrustedSenderUrl('app://warmline.evil/', true)).toBe(false);
    expect(isTrustedSenderUrl(undefined, true)).toBe(false);
  });

  it('denies navigation away from the app', () => {
    expect(isInAppNavigation('app://warmline/history')).toBe(true);
    expect(isInAppNavigation('https://example.com')).toBe(false);
    expect(isInAppNavigation('javascript:alert(1)')).toBe(false);
  });

  it('opens external links only as https to an allowed host', () => {
    const hosts = ['help.example.com'];
    expect(allowedExternalUrl('https://help.example.com/refunds', hosts)).toBe('https://help.example.com/refunds');
    expect(allowedExternalUrl('http://help.example.com/', hosts)).toBeNull();
    expect(allowedExternalUrl('https://help.example.com.evil.io/', hosts)).toBeNull();
    expect(allowedExternalUrl('https://user:pw@help.example.com/', hosts)).toBeNull();
    expect(allowedExternalUrl('file:///C:/Windows/system32/calc.exe', hosts)).toBeNull();
    expect(allowedExternalUrl('not a url', hosts)).toBeNull();
  });

  it('grants the page no permission by default', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(isPermissionGranted(permission)).toBe(false);
  });

  it('serves the renderer under a strict CSP with no inline or eval', () => {
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('exposes to the page only the contract, never ipcRenderer itself', () => {
    const preload = readFileSync(resolve(__dirname, '../../../src/preload/index.ts'), 'utf8');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("exposeInMainWorld('warmline', createWarmlineApi(ipcRenderer))");
    expect(preload).not.toMatch(/sendSync|exposeInMainWorld\([^)]*,\s*ipcRenderer\s*\)/);
  });

  it('pins a supported Electron major exactly', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(pkg.devDependencies.electron!.split('.')[0])).toBeGreaterThanOrEqual(43);
  });
});
