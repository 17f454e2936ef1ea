import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OIDC_ROUTE_LIMIT } from '../../../src/hub/routes/oidc';
import { freshAdminHub, type AdminHub } from '../admin/admin-hub';
import { startTestProvider, type TestProvider } from './oidc-test-provider';

describe('an admin sets up sign-in with the identity provider', () => {
  let idp: TestProvider;
  let hub: AdminHub;

  beforeEach(async () => {
    idp = await startTestProvider({});
    hub = await freshAdminHub();
  });
  afterEach(async () => {
    await hub.hub.app.close();
    await idp.close();
  });

  const settings = (change: Record<string, unknown> = {}) => ({
    enabled: true,
    displayName: 'Contoso ID',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    defaultRole: 'agent',
    passwordSignIn: true,
    ...change,
  });

  it('keeps the client secret sealed: never in the answer, the audit or the database in the clear', async () => {
    const saved = await hub.call('PUT', '/v1/admin/sign-in', settings());
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.settings).toEqual({ enabled: true, displayName: 'Contoso ID', issuer: idp.issuer, clientId: idp.clientId, hasClientSecret: true, defaultRole: 'agent', passwordSignIn: true });
    const read = await hub.call('GET', '/v1/admin/sign-in');
    expect(read.text).not.toContain(idp.clientSecret);
    const audit = await hub.call('GET', '/v1/admin/audit?format=csv');
    expect(audit.text).toContain('sign-in.updated');
    expect(audit.text).not.toContain(idp.clientSecret);
    const stored = (await hub.hub.db.get<{ value: string }>("SELECT value FROM hub_settings WHERE key = 'sign-in'"))?.value;
    expect(stored).toBeDefined();
    expect(stored).not.toContain(idp.clientSecret);
    // Left out, the stored secret stays; null removes it.
    const { clientSecret: _kept, ...withoutSecret } = settings({ displayName: 'Contoso' });
    expect((await hub.call('PUT', '/v1/admin/sign-in', withoutSecret)).json.settings.hasClientSecret).toBe(true);
    expect((await hub.call('PUT', '/v1/admin/sign-in', settings({ clientSecret: null }))).json.settings.hasClientSecret).toBe(false);
  });

  it('refuses agents and supervisors the settings, as every admin route', async () => {
    const added = await hub.call('POST', '/v1/admin/people', { email: 'sam@example.com', name: 'Sam', role: 'supervisor' });
    await hub.setPassword(added.json.passwordCode.code, 'a long enough password');
    const supervisor = await hub.signIn('sam@example.com', 'a long enough password');
    expect((await hub.call('GET', '/v1/admin/sign-in', undefined, supervisor)).status).toBe(403);
    expect((await hub.call('PUT', '/v1/admin/sign-in', settings(), supervisor)).status).toBe(403);
    expect((await hub.call('PUT', '/v1/admin/sign-in', settings(), null)).status).toBe(401);
  });

  it('names every field at fault and saves nothing', async () => {
    const answer = await hub.call('PUT', '/v1/admin/sign-in', settings({ issuer: 'http://idp.example.com', defaultRole: 'admin', clientId: '' }));
    expect(answer.status).toBe(400);
    expect(answer.json.error.details.map((problem: { path: string }) => problem.path).sort()).toEqual(['clientId', 'defaultRole', 'issuer']);
    expect((await hub.call('GET', '/v1/admin/sign-in')).json.settings.enabled).toBe(false);
  });

  it('switches password sign-in off for everyone but admins, who keep the way back in', async () => {
    const added = await hub.call('POST', '/v1/admin/people', { email: 'ben@example.com', name: 'Ben', role: 'agent' });
    await hub.setPassword(added.json.passwordCode.code, 'a long enough password');
    const refusedAlone = await hub.call('PUT', '/v1/admin/sign-in', settings({ enabled: false, passwordSignIn: false }));
    expect(refusedAlone.json.error.message).toBe('Password sign-in can be switched off only while an identity provider is switched on.');

    expect((await hub.call('PUT', '/v1/admin/sign-in', settings({ passwordSignIn: false }))).status).toBe(200);
    expect((await hub.call('GET', '/v1/sessions/options', undefined, null)).json).toEqual({ provider: { name: 'Contoso ID' }, passwordSignIn: false });
    const agent = await hub.call('POST', '/v1/sessions', { email: 'ben@example.com', password: 'a long enough password' }, null);
    expect(agent.status).toBe(403);
    expect(agent.json.error).toEqual({ code: 'password_sign_in_off', message: 'Password sign-in is switched off on this hub: use "Sign in with Contoso ID".' });
    const wrong = await hub.call('POST', '/v1/sessions', { email: 'ben@example.com', password: 'not the password at all' }, null);
    expect(wrong.json.error.code).toBe('invalid_credentials');
    expect(await hub.signIn('ada@example.com', 'correct horse battery')).toMatch(/.+/);
  });
});

describe('the sign-in routes that need no session', () => {
  it('answer one address a bounded number of times a minute, then 429 with Retry-After', async () => {
    // The limit's windows are minutes of the hub's clock: this one runs from a minute's start, so the requests share one window.
    const offset = -(Date.now() % 60_000);
    const hub = await freshAdminHub({ now: () => new Date(Date.now() + offset) });
    try {
      const start = () => hub.hub.app.inject({ method: 'POST', url: '/v1/sessions/oidc/start', payload: { redirectUri: 'http://127.0.0.1:49152/oidc/callback', codeChallenge: 'a'.repeat(43) } });
      for (let i = 0; i < OIDC_ROUTE_LIMIT.max; i += 1) expect((await start()).statusCode).toBe(404);
      const refused = await start();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('Too many sign-ins from this address') });
    } finally {
      await hub.hub.app.close();
    }
  });
});
