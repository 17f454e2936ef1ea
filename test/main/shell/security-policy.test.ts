import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererCsp } from '../../../src/main/browser/bridge-server';
import { devServerOrigin, ELECTRON_CSP, electronDevCsp } from '../../../src/main/shell/content-security';
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

  it('serves the browser-mode renderer under a strict CSP whose only socket is its own origin', () => {
    const csp = rendererCsp('127.0.0.1:5170');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5170;");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|wss:|ws: |ws:;/);
  });

  it("gives the Electron window a CSP that connects nowhere, and development only Vite's server besides", () => {
    expect(ELECTRON_CSP).toContain("connect-src 'none'");
    expect(ELECTRON_CSP).toContain("default-src 'none'");
    expect(ELECTRON_CSP).not.toMatch(/ws:|wss:|http:|unsafe-inline|unsafe-eval|nonce/);
    const dev = electronDevCsp('http://127.0.0.1:5173', 'n0nce');
    expect(dev).toContain("connect-src 'self' ws://127.0.0.1:5173;");
    expect(dev).toContain("script-src 'self' 'nonce-n0nce'");
    expect(dev).not.toMatch(/unsafe-inline|unsafe-eval|wss:|\bhttps?:/);
  });

  it('takes a dev server only as plain http on this computer', () => {
    expect(devServerOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://localhost:5173/')).toBe('http://localhost:5173');
    for (const value of [undefined, '', 'https://127.0.0.1:5173', 'http://evil.example:5173', 'file:///tmp/index.html', 'not a url']) expect(devServerOrigin(value), String(value)).toBeNull();
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
