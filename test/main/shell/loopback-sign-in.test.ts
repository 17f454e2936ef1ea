import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoopbackSignInError, startLoopbackSignIn, type ProviderSignInHub } from '../../../src/main/shell/loopback-sign-in';
import { freshAdminHub, type AdminHub } from '../../hub/admin/admin-hub';
import { signInAtProvider, startTestProvider, type TestProvider } from '../../hub/auth/oidc-test-provider';

type Signed = { token: string; user: { name: string; email: string } };

describe('the desktop sign-in through the system browser and a loopback redirect (RFC 8252)', () => {
  let idp: TestProvider;
  let hub: AdminHub;
  const seen: { start: { redirectUri: string; codeChallenge: string }[]; finish: { callbackUrl: string; codeVerifier: string }[] } = { start: [], finish: [] };

  beforeEach(async () => {
    seen.start = [];
    seen.finish = [];
    idp = await startTestProvider({ ben: { email: 'ben@example.com', name: 'Ben Agent' }, una: { email: 'una@example.com', emailVerified: false } });
    hub = await freshAdminHub();
    const saved = await hub.call('PUT', '/v1/admin/sign-in', { enabled: true, displayName: 'Contoso ID', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, defaultRole: 'agent', passwordSignIn: true });
    expect(saved.status, saved.text).toBe(200);
  });
  afterEach(async () => {
    await hub.hub.app.close();
    await idp.close();
  });

  /** The hub's two routes, as the core's HTTP client calls them. */
  const hubCalls: ProviderSignInHub<Signed> = {
    async start(body) {
      seen.start.push(body);
      const answer = await hub.call('POST', '/v1/sessions/oidc/start', body, null);
      if (answer.status !== 200) throw new Error(answer.json.error.message);
      return answer.json;
    },
    async finish(body) {
      seen.finish.push(body);
      const answer = await hub.call('POST', '/v1/sessions/oidc/finish', body, null);
      if (answer.status !== 201) throw new Error(answer.json.error.message);
      return answer.json;
    },
  };
  const visit = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, text: await response.text(), csp: response.headers.get('content-security-policy') };
  };

  it('signs in through the provider: the browser lands on the loopback port and the hub gets the verifier kept here', async () => {
    const sign = await startLoopbackSignIn(hubCalls, { signedInPage: (signed) => `Signed in as ${signed.user.name}.` });
    const [start] = seen.start;
    expect(start!.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oidc\/callback$/);
    const callbackUrl = await signInAtProvider(sign.authorizationUrl, 'ben');
    expect(callbackUrl.startsWith(start!.redirectUri)).toBe(true);

    const page = await visit(callbackUrl);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Signed in as Ben Agent.');
    expect(page.csp).toContain("default-src 'none'");
    const signed = await sign.result;
    expect(signed.user).toMatchObject({ email: 'ben@example.com', name: 'Ben Agent', role: 'agent' });
    // PKCE: the verifier travels only to the hub, and its S256 is what the provider saw.
    const [finish] = seen.finish;
    expect(sign.authorizationUrl).not.toContain(finish!.codeVerifier);
    expect(createHash('sha256').update(finish!.codeVerifier).digest('base64url')).toBe(start!.codeChallenge);
    await expect(fetch(start!.redirectUri)).rejects.toThrow();
  });

  it('turns away a redirect with another state and keeps waiting for the right one', async () => {
    const sign = await startLoopbackSignIn(hubCalls);
    const callbackUrl = await signInAtProvider(sign.authorizationUrl, 'ben');
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'someone-elses');
    expect((await visit(forged.href)).text).toContain('This is not the sign-in Warmline is waiting for.');
    expect((await visit(`${forged.origin}/elsewhere`)).status).toBe(404);
    expect(seen.finish).toHaveLength(0);
    expect((await visit(callbackUrl)).status).toBe(200);
    await expect(sign.result).resolves.toMatchObject({ user: { email: 'ben@example.com' } });
  });

  it("shows the hub's refusal in the browser tab and hands it to the app", async () => {
    const sign = await startLoopbackSignIn(hubCalls);
    const page = await visit(await signInAtProvider(sign.authorizationUrl, 'una'));
    expect(page.status).toBe(400);
    expect(page.text).toContain('Contoso ID has not verified una@example.com: verify it there, then sign in again. Go back to Warmline to try again.');
    await expect(sign.result).rejects.toThrow('Contoso ID has not verified una@example.com');
  });

  it('stops listening when cancelled or when nobody comes back in time', async () => {
    const cancelled = await startLoopbackSignIn(hubCalls);
    cancelled.cancel();
    await expect(cancelled.result).rejects.toEqual(new LoopbackSignInError('cancelled', 'The sign-in was cancelled.'));
    await expect(fetch(seen.start[0]!.redirectUri)).rejects.toThrow();

    const late = await startLoopbackSignIn(hubCalls, { timeoutMs: 200 });
    await expect(late.result).rejects.toMatchObject({ code: 'timed_out' });
    await expect(fetch(seen.start[1]!.redirectUri)).rejects.toThrow();
  });

  it('closes the listener when the hub refuses to start', async () => {
    await hub.call('PUT', '/v1/admin/sign-in', { enabled: false, displayName: 'Contoso ID', issuer: idp.issuer, clientId: idp.clientId, defaultRole: 'agent', passwordSignIn: true });
    await expect(startLoopbackSignIn(hubCalls)).rejects.toThrow('This hub has no identity provider switched on');
    await expect(fetch(seen.start[0]!.redirectUri)).rejects.toThrow();
  });
});
