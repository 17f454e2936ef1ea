import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchRemoteFile } from '../../../src/hub/attachments/remote-fetch';
import { fileHost, pngImage } from '../../support/attachment-files';

let host: Awaited<ReturnType<typeof fileHost>>;
const photo = pngImage();
const limits = { maxBytes: 4096, timeoutMs: 3000, trustedHosts: ['127.0.0.1'] };

beforeEach(async () => {
  host = await fileHost({
    '/photo.png': { body: photo, type: 'image/png' },
    '/missing': { body: Buffer.from('gone'), status: 404 },
    '/empty': { body: Buffer.alloc(0) },
    '/big': { body: Buffer.alloc(10_000, 7) },
    '/to-file': { body: Buffer.alloc(0), status: 302, headers: { location: 'file:///etc/passwd' } },
    '/to-photo': { body: Buffer.alloc(0), status: 301, headers: { location: '/photo.png' } },
    '/loop': { body: Buffer.alloc(0), status: 302, headers: { location: '/loop' } },
  });
});
afterEach(() => host.close());

describe('fetchRemoteFile', () => {
  it('fetches a file from a trusted host, following a redirect on the same host', async () => {
    const result = await fetchRemoteFile(host.url('/to-photo'), limits);
    expect(result.ok && result.data.equals(photo)).toBe(true);
  });

  it('refuses a loopback address unless its host is trusted', async () => {
    const result = await fetchRemoteFile(host.url('/photo.png'), { ...limits, trustedHosts: [] });
    expect(result).toMatchObject({ ok: false, problem: 'refused' });
    expect(host.hits.get('/photo.png')).toBeUndefined();
  });

  it('refuses a redirect from a trusted host to a private address under another name', async () => {
    const port = new URL(host.url('/')).port;
    const redirecting = await fileHost({ '/r': { body: Buffer.alloc(0), status: 302, headers: { location: `http://localhost:${port}/photo.png` } } });
    try {
      const result = await fetchRemoteFile(redirecting.url('/r'), limits);
      expect(result).toMatchObject({ ok: false, problem: 'refused' });
      expect(host.hits.get('/photo.png')).toBeUndefined();
    } finally {
      await redirecting.close();
    }
  });

  it('refuses links that are not http or https, first or after a redirect', async () => {
    expect(await fetchRemoteFile('file:///etc/passwd', limits)).toMatchObject({ ok: false, problem: 'refused' });
    expect(await fetchRemoteFile(host.url('/to-file'), limits)).toMatchObject({ ok: false, problem: 'refused' });
  });

  it('gives up on a redirect loop, a 404 and an empty file with a problem each', async () => {
    expect(await fetchRemoteFile(host.url('/loop'), limits)).toMatchObject({ ok: false, problem: 'unreachable', detail: 'too many redirects' });
    expect(await fetchRemoteFile(host.url('/missing'), limits)).toMatchObject({ ok: false, problem: 'unreachable' });
    expect(await fetchRemoteFile(host.url('/empty'), limits)).toMatchObject({ ok: false, problem: 'empty' });
  });

  it('stops reading a file past the size limit', async () => {
    expect(await fetchRemoteFile(host.url('/big'), limits)).toMatchObject({ ok: false, problem: 'too_large' });
  });

  it('gives up on a host that never answers within the time limit', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const started = Date.now();
    try {
      const result = await fetchRemoteFile(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/x`, { ...limits, timeoutMs: 300 });
      expect(result).toMatchObject({ ok: false, problem: 'unreachable' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
