import { calculatePKCECodeChallenge, randomPKCECodeVerifier } from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshAdminHub, type AdminHub } from '../admin/admin-hub';
import { signInAtProvider, startTestProvider, type TestProvider } from './oidc-test-provider';

const REDIRECT = 'http://127.0.0.1:49152/oidc/callback';

describe('sign-in with the identity provider (a real oidc-provider on loopback)', () => {
  let idp: TestProvider;
  let hub: AdminHub;

  beforeEach(async () => {
    idp = await startTestProvider({
      ben: { email: 'Ben.Agent@example.com', name: 'Ben Agent' },
      ada: { email: 'ada@example.com', name: 'Ada (IdP)' },
      unverified: { email: 'una@example.com', emailVerified: false, name: 'Una' },
      noemail: { name: 'Nobody' },
    });
    hub = await freshAdminHub();
  });
  afterEach(async () => {
    await hub.hub.app.close();
    await idp.close();
  });

  const configure = (change: Record<string, unknown> = {}) =>
    hub.call('PUT', '/v1/admin/sign-in', {
      enabled: true,
      displayName: 'Contoso ID',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      defaultRole: 'agent',
      passwordSignIn: true,
      ...change,
    });

  /** Start at the hub, sign in at the provider as `login`: the redirect and the verifier the desktop keeps. */
  async function throughProvider(login: string): Promise<{ callbackUrl: string; codeVerifier: string }> {
    const codeVerifier = randomPKCECodeVerifier();
    const start = await hub.call('POST', '/v1/sessions/oidc/start', { redirectUri: REDIRECT, codeChallenge: await calculatePKCECodeChallenge(codeVerifier) }, null);
    expect(start.status, start.text).toBe(200);
    return { callbackUrl: await signInAtProvider(start.json.authorizationUrl, login), codeVerifier };
  }
  const finish = (flow: { callbackUrl: string; codeVerifier: string }) => hub.call('POST', '/v1/sessions/oidc/finish', flow, null);
  const people = async () => (await hub.call('GET', '/v1/admin/people')).json.people as { email: string; role: string; name: string }[];

  it('offers the provider by name on the sign-in screen once an admin switched it on', async () => {
    expect((await hub.call('GET', '/v1/sessions/options', undefined, null)).json).toEqual({ provider: null, passwordSignIn: true });
    expect((await configure()).status).toBe(200);
    expect((await hub.call('GET', '/v1/sessions/options', undefined, null)).json).toEqual({ provider: { name: 'Contoso ID' }, passwordSignIn: true });
  });

  it('creates a person in the default role on their first sign-in, and signs them in with a working session', async () => {
    await configure();
    const answer = await finish(await throughProvider('ben'));
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json.user).toMatchObject({ email: 'ben.agent@example.com', name: 'Ben Agent', role: 'agent' });
    expect((await hub.call('GET', '/v1/conversations', undefined, answer.json.token)).status).toBe(200);
    expect((await people()).filter((person) => person.email === 'ben.agent@example.com')).toEqual([expect.objectContaining({ role: 'agent' })]);
    const audit = (await hub.call('GET', '/v1/admin/audit')).json.entries as { action: string; actor: { name: string } }[];
    expect(audit[0]).toMatchObject({ action: 'person.created', actor: { name: 'Sign-in with Contoso ID' } });
  });

  it('matches an existing person by verified email and keeps their role', async () => {
    await configure();
    const answer = await finish(await throughProvider('ada'));
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json.user).toMatchObject({ email: 'ada@example.com', name: 'Ada Admin', role: 'admin' });
    expect(await people()).toHaveLength(1);
  });

  it('refuses a deactivated person and issues no session', async () => {
    await configure();
    const added = await hub.call('POST', '/v1/admin/people', { email: 'ben.agent@example.com', name: 'Ben', role: 'agent' });
    expect((await hub.call('POST', `/v1/admin/people/${added.json.person.id}/deactivate`)).status).toBe(200);
    const answer = await finish(await throughProvider('ben'));
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({ code: 'deactivated', message: expect.stringContaining('deactivated') });
  });

  it('refuses an email the provider has not verified, or none at all, and creates nobody', async () => {
    await configure();
    const unverified = await finish(await throughProvider('unverified'));
    expect(unverified.status).toBe(403);
    expect(unverified.json.error.message).toBe('Contoso ID has not verified una@example.com: verify it there, then sign in again.');
    const none = await finish(await throughProvider('noemail'));
    expect(none.json.error.code).toBe('email_not_verified');
    expect((await people()).map((person) => person.email)).toEqual(['ada@example.com']);
  });

  it('refuses a replayed code: the second finish of the same redirect signs nobody in', async () => {
    await configure();
    const flow = await throughProvider('ben');
    expect((await finish(flow)).status).toBe(201);
    const replay = await finish(flow);
    expect(replay.status).toBe(401);
    expect(replay.json.error).toMatchObject({ code: 'provider_refused', message: expect.stringContaining('refused the sign-in code') });
  });

  it('refuses a redirect whose state was changed, or finished with another verifier', async () => {
    await configure();
    const flow = await throughProvider('ben');
    const url = new URL(flow.callbackUrl);
    const state = url.searchParams.get('state')!;
    url.searchParams.set('state', `${state.slice(0, -4)}AAAA`);
    const tampered = await finish({ ...flow, callbackUrl: url.href });
    expect(tampered.json.error).toMatchObject({ code: 'provider_refused', message: 'This sign-in was not started here, or was changed on the way: start it again from Warmline.' });
    url.searchParams.set('state', JSON.stringify({ nonce: 'n', redirectUri: REDIRECT, expiresAt: Date.now() + 60_000 }));
    expect((await finish({ ...flow, callbackUrl: url.href })).json.error.code).toBe('provider_refused');
    const otherVerifier = await finish({ ...flow, codeVerifier: randomPKCECodeVerifier() });
    expect(otherVerifier.status).toBe(401);
    // The code is still unredeemed after all three: the right verifier signs in.
    expect((await finish(flow)).status).toBe(201);
    expect((await people()).map((person) => person.email).sort()).toEqual(['ada@example.com', 'ben.agent@example.com']);
  });

  it('refuses an ID token whose nonce is not the one this hub sent', async () => {
    await configure();
    const codeVerifier = randomPKCECodeVerifier();
    const start = await hub.call('POST', '/v1/sessions/oidc/start', { redirectUri: REDIRECT, codeChallenge: await calculatePKCECodeChallenge(codeVerifier) }, null);
    const authorization = new URL(start.json.authorizationUrl);
    authorization.searchParams.set('nonce', 'a-nonce-someone-else-chose');
    const answer = await finish({ callbackUrl: await signInAtProvider(authorization.href, 'ben'), codeVerifier });
    expect(answer.status).toBe(401);
    expect(answer.json.error.message).toMatch(/^The identity token from Contoso ID did not check out \(.*nonce.*\): nothing was signed in\.$/);
  });

  it('refuses a tampered and an expired ID token', async () => {
    await configure();
    idp.spoilIdTokens('tamper');
    const tampered = await finish(await throughProvider('ben'));
    expect(tampered.json.error).toMatchObject({ code: 'provider_refused', message: expect.stringContaining('did not check out') });
    idp.spoilIdTokens('expire');
    const expired = await finish(await throughProvider('ben'));
    expect(expired.json.error).toMatchObject({ code: 'provider_refused', message: expect.stringMatching(/did not check out \(.*(exp|timestamp).*\)/) });
    expect((await people()).map((person) => person.email)).toEqual(['ada@example.com']);
  });

  it('says plainly when the provider is down, at setup and at sign-in, and changes nothing', async () => {
    await configure();
    const flow = await throughProvider('ben');
    await idp.close();
    const answer = await finish(flow);
    expect(answer.status).toBe(502);
    expect(answer.json.error).toMatchObject({ code: 'provider_unreachable', message: expect.stringContaining('Contoso ID did not answer the sign-in') });
    const saved = await configure({ displayName: 'Okta', clientId: 'another' });
    expect(saved.status).toBe(502);
    expect(saved.json.error.message).toContain(`Okta cannot be reached at ${idp.issuer}`);
    expect((await hub.call('GET', '/v1/admin/sign-in')).json.settings).toMatchObject({ displayName: 'Contoso ID', clientId: idp.clientId });
    expect((await people()).map((person) => person.email)).toEqual(['ada@example.com']);
  });

  it('refuses to start or finish while no provider is switched on', async () => {
    const start = await hub.call('POST', '/v1/sessions/oidc/start', { redirectUri: REDIRECT, codeChallenge: 'a'.repeat(43) }, null);
    expect(start.json.error.code).toBe('provider_not_configured');
    const wrongRedirect = await hub.call('POST', '/v1/sessions/oidc/start', { redirectUri: 'https://evil.example/oidc/callback', codeChallenge: 'a'.repeat(43) }, null);
    expect(wrongRedirect.status).toBe(400);
  });
});
