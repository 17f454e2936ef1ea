import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProviderSignIn } from '../../../src/main/core/provider-sign-in';
import { createHubHttpClient } from '../../../src/main/hub-client/http-client';
import type { SessionState } from '../../../src/shared/ipc';
import { freshAdminHub, type AdminHub } from '../../hub/admin/admin-hub';
import { signInAtProvider, startTestProvider, type TestProvider } from '../../hub/auth/oidc-test-provider';

describe("the desktop core's sign-in with the hub's identity provider", () => {
  let idp: TestProvider;
  let hub: AdminHub;
  let hubUrl: string;
  const adopted: { token: string; email: string; hubUrl: string }[] = [];
  const opened: string[] = [];

  beforeEach(async () => {
    adopted.length = 0;
    opened.length = 0;
    idp = await startTestProvider({ ben: { email: 'ben@example.com', name: 'Ben Agent' } });
    hub = await freshAdminHub();
    await hub.call('PUT', '/v1/admin/sign-in', { enabled: true, displayName: 'Contoso ID', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, defaultRole: 'agent', passwordSignIn: true });
    hubUrl = await hub.hub.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await hub.hub.app.close();
    await idp.close();
  });

  const signInFor = (url: string, openExternal?: (url: string) => Promise<void>) =>
    createProviderSignIn({
      makeHttp: createHubHttpClient,
      hubUrlOf: (request) => request.hubUrl ?? url,
      async adopt(signed, adoptedHubUrl) {
        adopted.push({ token: signed.token, email: signed.user.email, hubUrl: adoptedHubUrl });
        return { user: signed.user } as SessionState;
      },
      openExternal,
    });

  it('opens the provider in the system browser and adopts the session once the person is back', async () => {
    const signIn = signInFor(hubUrl, async (url) => void opened.push(url));
    expect(await signIn.options({})).toEqual({ provider: { name: 'Contoso ID' }, passwordSignIn: true });
    const started = await signIn.start({});
    expect(started.isOpened).toBe(true);
    expect(opened).toEqual([started.authorizationUrl]);
    const waiting = signIn.wait();
    await fetch(await signInAtProvider(started.authorizationUrl, 'ben'));
    expect((await waiting).user?.email).toBe('ben@example.com');
    expect(adopted).toEqual([{ token: expect.any(String), email: 'ben@example.com', hubUrl }]);
    expect((await hub.call('GET', '/v1/conversations', undefined, adopted[0]!.token)).status).toBe(200);
  });

  it('leaves opening to the page in browser mode, and a cancelled sign-in answers "cancelled" and adopts nothing', async () => {
    const signIn = signInFor(hubUrl);
    const started = await signIn.start({});
    expect(started.isOpened).toBe(false);
    const waiting = signIn.wait();
    signIn.cancel();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    expect(adopted).toEqual([]);
  });

  it('says why when the hub has no provider or cannot be reached', async () => {
    await hub.call('PUT', '/v1/admin/sign-in', { enabled: false, displayName: 'Contoso ID', issuer: idp.issuer, clientId: idp.clientId, defaultRole: 'agent', passwordSignIn: true });
    await expect(signInFor(hubUrl).start({})).rejects.toMatchObject({ code: 'provider_not_configured' });
    await expect(signInFor('http://127.0.0.1:9').start({})).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('never opens an address a hostile hub names that is not a web page', async () => {
    const hostile = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ authorizationUrl: 'file:///etc/passwd?state=x' }));
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    try {
      const signIn = signInFor(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}`, async (url) => void opened.push(url));
      await expect(signIn.start({})).rejects.toMatchObject({ code: 'provider_refused', message: expect.stringContaining('not an https:// page') });
      expect(opened).toEqual([]);
    } finally {
      hostile.close();
    }
  });
});
