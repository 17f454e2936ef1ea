import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import { STAFF_ROLES } from '../../shared/admin';
import type { SignInOptions, SignInSettings, SignInSettingsInput } from '../../shared/sign-in';
import { signInSettingsInputSchema } from '../../shared/sign-in';
import type { Actor, Administration } from '../admin/administration';
import type { Account } from '../store/accounts';
import { secretBoxOf } from '../store/secret-box';
import { NO_PASSWORD } from '../store/users';
import { createOidcClient, SignInProblem } from './oidc-client';
import { createProviderSettingsRepository, publicSettings, type ProviderSettings } from './oidc-settings';

export { SignInProblem };

/** A sign-in not finished within this long starts again. */
const FLOW_TTL_MS = 10 * 60_000;
const STATE_PURPOSE = 'oidc-state';
/** Capacity of a person made by their first sign-in, as an admin's "add person" defaults it. */
const FIRST_SIGN_IN_CAPACITY = 3;

interface FlowState {
  nonce: string;
  redirectUri: string;
  expiresAt: number;
}

/**
 * Sign-in with the company's identity provider. The flow keeps nothing in the hub's memory: the
 * state parameter is the nonce and redirect sealed with the hub's key, so any replica finishes a
 * sign-in another one started, and a state the hub did not seal does not open. The code is
 * redeemable once (the provider's rule) and only with the PKCE verifier the desktop kept.
 */
export function createProviderSignIn(admin: Administration) {
  const settings = createProviderSettingsRepository(admin.db);
  const box = secretBoxOf(admin.db);
  const client = createOidcClient();

  async function active(): Promise<ProviderSettings> {
    const current = await settings.get();
    if (!current.enabled) throw new SignInProblem('provider_not_configured', 'This hub has no identity provider switched on: sign in with your email and password.');
    return current;
  }

  function openState(state: string | null, callbackUrl: URL): FlowState {
    const restart = 'This sign-in was not started here, or was changed on the way: start it again from Warmline.';
    if (!state || !box.isSealed(state)) throw new SignInProblem('provider_refused', restart);
    let flow: FlowState;
    try {
      flow = JSON.parse(box.open(state, STATE_PURPOSE)) as FlowState;
    } catch {
      throw new SignInProblem('provider_refused', restart);
    }
    if (flow.redirectUri !== `${callbackUrl.origin}${callbackUrl.pathname}`) throw new SignInProblem('provider_refused', restart);
    if (flow.expiresAt < admin.now().getTime()) throw new SignInProblem('provider_refused', 'This sign-in took longer than 10 minutes: start it again.');
    return flow;
  }

  /** The person this identity belongs to: matched by verified email, or made in the default role. */
  async function personFor(identity: { email: string; name: string | null }, current: ProviderSettings): Promise<Account> {
    // One write: the same person finishing two sign-ins at once (two replicas) is made once.
    return admin.db.write(async () => {
      const existing = await admin.accounts.userByEmail(identity.email);
      if (existing) {
        if (!(STAFF_ROLES as readonly string[]).includes(existing.role)) throw new SignInProblem('forbidden', 'This address belongs to a wall screen, not a person.');
        if (!(await admin.users.person(existing.id))?.isActive) throw new SignInProblem('deactivated', 'Your Warmline account is deactivated: ask an admin to reactivate it.');
        return existing;
      }
      const id = `u_${randomUUID()}`;
      await admin.accounts.saveUser({
        id,
        email: identity.email,
        name: identity.name ?? identity.email,
        role: current.defaultRole,
        capacity: FIRST_SIGN_IN_CAPACITY,
        queues: [],
        passwordHash: NO_PASSWORD,
      });
      await admin.audit.record({
        at: admin.now().toISOString(),
        actor: { id: 'identity-provider', name: `Sign-in with ${current.displayName}` },
        action: 'person.created',
        target: { kind: 'person', id },
        after: await admin.users.person(id),
      });
      return (await admin.accounts.userById(id))!;
    });
  }

  return {
    async options(): Promise<SignInOptions> {
      const current = await settings.get();
      return { provider: current.enabled ? { name: current.displayName } : null, passwordSignIn: !current.enabled || current.passwordSignIn };
    },

    /** Password sign-in when switched off still lets admins in: the way back when the provider is down. */
    async isPasswordAllowed(account: Account): Promise<boolean> {
      const current = await settings.get();
      return !current.enabled || current.passwordSignIn || account.role === 'admin';
    },

    settings: async (): Promise<SignInSettings> => publicSettings(await settings.get()),

    /** Checks a switched-on provider answers discovery before saving; audited without the secret. */
    async save(actor: Actor, input: SignInSettingsInput): Promise<SignInSettings> {
      const parsed = signInSettingsInputSchema.parse(input);
      const before = await settings.get();
      const next: ProviderSettings = { ...parsed, clientSecret: parsed.clientSecret === undefined ? before.clientSecret : parsed.clientSecret };
      if (!next.enabled && !next.passwordSignIn) {
        throw new SignInProblem('invalid_request', 'Password sign-in can be switched off only while an identity provider is switched on.');
      }
      if (next.enabled) await client.check(next);
      // Checked before the write, which holds the floor's writer lock; the secret kept is the one stored when it writes.
      return admin.change(actor, 'sign-in.updated', { kind: 'settings', id: 'sign-in' }, async () => {
        const stored = await settings.get();
        const saved: ProviderSettings = { ...next, clientSecret: parsed.clientSecret === undefined ? stored.clientSecret : parsed.clientSecret };
        await settings.save(saved);
        return { result: publicSettings(saved), before: publicSettings(stored), after: publicSettings(saved) };
      });
    },

    async start(request: { redirectUri: string; codeChallenge: string }): Promise<{ authorizationUrl: string }> {
      const current = await active();
      const nonce = oidc.randomNonce();
      const flow: FlowState = { nonce, redirectUri: request.redirectUri, expiresAt: admin.now().getTime() + FLOW_TTL_MS };
      const state = box.seal(JSON.stringify(flow), STATE_PURPOSE);
      return { authorizationUrl: await client.authorizationUrl(current, { ...request, state, nonce }) };
    },

    async finish(request: { callbackUrl: string; codeVerifier: string }): Promise<Account> {
      const current = await active();
      const callbackUrl = new URL(request.callbackUrl);
      const state = callbackUrl.searchParams.get('state');
      const flow = openState(state, callbackUrl);
      const identity = await client.redeem(current, callbackUrl, { codeVerifier: request.codeVerifier, state: state!, nonce: flow.nonce });
      if (!identity.email) throw new SignInProblem('email_not_verified', `${current.displayName} did not tell Warmline your email address: ask your IT team to release the email claim.`);
      if (!identity.emailVerified) throw new SignInProblem('email_not_verified', `${current.displayName} has not verified ${identity.email}: verify it there, then sign in again.`);
      return personFor({ email: identity.email, name: identity.name }, current);
    },
  };
}

export type ProviderSignIn = ReturnType<typeof createProviderSignIn>;
