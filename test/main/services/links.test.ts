import { describe, expect, it } from 'vitest';
import { createLinkOpener } from '../../../src/main/services/links';

describe('opening a transcript link', () => {
  it('opens an https link to an allowed host through the shell', async () => {
    const opened: string[] = [];
    const open = createLinkOpener({ allowedHosts: ['help.example.com'], open: async (url) => void opened.push(url) });
    expect(await open('https://help.example.com/returns?x=1')).toEqual({ opened: true, reason: null });
    expect(opened).toEqual(['https://help.example.com/returns?x=1']);
  });

  it('refuses other hosts, plain http, credentials in the URL and other schemes without calling the shell', async () => {
    const opened: string[] = [];
    const open = createLinkOpener({ allowedHosts: ['help.example.com'], open: async (url) => void opened.push(url) });
    for (const url of [
      'https://evil.example.net/',
      'http://help.example.com/',
      'https://user:pw@help.example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const result = await open(url);
      expect(result.opened).toBe(false);
      expect(result.reason).toMatch(/not on your contact centre/);
    }
    expect(opened).toEqual([]);
  });

  it('says plainly that links open only in the desktop app when there is no shell (browser mode)', async () => {
    const open = createLinkOpener({ allowedHosts: ['help.example.com'] });
    expect(await open('https://help.example.com/')).toEqual({ opened: false, reason: expect.stringMatching(/desktop app/) });
  });
});
