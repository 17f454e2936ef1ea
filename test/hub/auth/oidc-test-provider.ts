import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { LOOPBACK_REDIRECT_REGISTERED } from '../../../src/shared/sign-in';

/** A person the test provider knows: they sign in with `login` and any password (devInteractions). */
export interface TestIdentity {
  email?: string;
  emailVerified?: boolean;
  name?: string;
}

/** How the provider's token answer is spoiled, to see the hub refuse it. */
export type IdTokenSpoiler = 'tamper' | 'expire' | null;

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Spoils the ID token of the next token answers until set back to null. */
  spoilIdTokens(kind: IdTokenSpoiler): void;
  close(): Promise<void>;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * A real OpenID provider (panva's oidc-provider) on loopback, with one confidential native client
 * whose redirect is the desktop's loopback URI on any port (RFC 8252), PKCE required, and the
 * development login form, where any password signs in the account named by `login`.
 */
export async function startTestProvider(identities: Record<string, TestIdentity>): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'warmline-hub';
  const clientSecret = 'test-client-secret-for-the-hub-only';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        application_type: 'native',
        redirect_uris: [LOOPBACK_REDIRECT_REGISTERED],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['a test cookie key that is long enough'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const identity = identities[id];
      if (!identity) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: identity.email, email_verified: identity.emailVerified ?? true, name: identity.name };
        },
      };
    },
    // A first-party client: the sign-in is the only step, no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['email', 'email_verified', 'name']);
      await grant.save();
      return grant;
    },
  });

  let spoiler: IdTokenSpoiler = null;
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && spoiler && body?.id_token) body.id_token = spoil(body.id_token, spoiler, privateKey);
  });

  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    spoilIdTokens: (kind) => {
      spoiler = kind;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `tamper`: another email under the provider's signature; `expire`: properly signed, an hour past its end. */
function spoil(idToken: string, kind: Exclude<IdTokenSpoiler, null>, key: KeyObject): string {
  const [header, payload, signature] = idToken.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (kind === 'tamper') return `${header}.${b64url(JSON.stringify({ ...claims, email: 'mallory@example.com' }))}.${signature}`;
  const now = Math.floor(Date.now() / 1000);
  const body = `${header}.${b64url(JSON.stringify({ ...claims, iat: now - 7200, exp: now - 3600 }))}`;
  return `${body}.${b64url(sign('sha256', Buffer.from(body), key))}`;
}

/**
 * The person's part in a browser, by HTTP: follows the authorization URL through the provider's
 * login form and returns the redirect to the loopback address, which is not fetched.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let init: { method: string; body?: string } = { method: 'GET' };
  for (let step = 0; step < 20; step += 1) {
    if (url.startsWith('http://127.0.0.1:') && new URL(url).pathname === '/oidc/callback') return url;
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      init = { method: 'GET' };
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`The provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1] ?? 'login';
    url = new URL(action, url).href;
    init = { method: 'POST', body: new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt }).toString() };
  }
  throw new Error('The provider did not redirect back within 20 steps.');
}
