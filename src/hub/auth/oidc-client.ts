import * as oidc from 'openid-client';
import type { ErrorCode } from '../../shared/errors';
import type { ProviderSettings } from './oidc-settings';

const TIMEOUT_SECONDS = 10;
const SCOPE = 'openid email profile';

/** A refused sign-in or provider setting: a code from the catalogue and a sentence for the person. */
export class SignInProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignInProblem';
  }
}

export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/**
 * The relying party, with openid-client doing discovery, the authorization URL, the code exchange
 * (PKCE verifier, state, nonce) and the ID token's validation. One discovered configuration is kept
 * per settings; a failed discovery is not kept, so the next sign-in asks again.
 */
export function createOidcClient() {
  let cached: { key: string; config: Promise<oidc.Configuration> } | null = null;

  function discover(settings: ProviderSettings): Promise<oidc.Configuration> {
    const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
    if (cached?.key === key) return cached.config;
    const config = fetchConfiguration(settings);
    cached = { key, config };
    config.catch(() => {
      if (cached?.config === config) cached = null;
    });
    return config;
  }

  return {
    /** Reads the provider's discovery document now, bypassing the cache: an admin's check before saving. */
    async check(settings: ProviderSettings): Promise<void> {
      await fetchConfiguration(settings);
    },

    async authorizationUrl(settings: ProviderSettings, request: { redirectUri: string; codeChallenge: string; state: string; nonce: string }): Promise<string> {
      const config = await discover(settings);
      return oidc
        .buildAuthorizationUrl(config, {
          redirect_uri: request.redirectUri,
          scope: SCOPE,
          code_challenge: request.codeChallenge,
          code_challenge_method: 'S256',
          state: request.state,
          nonce: request.nonce,
        })
        .toString();
    },

    async redeem(settings: ProviderSettings, callbackUrl: URL, checks: { codeVerifier: string; state: string; nonce: string }): Promise<VerifiedIdentity> {
      const config = await discover(settings);
      const name = settings.displayName;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw explain(error, name);
      }
      const claims = tokens.claims();
      if (!claims) throw new SignInProblem('provider_refused', `${name} sent no identity token: nothing was signed in.`);
      return {
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 120) : null,
      };
    },
  };
}

async function fetchConfiguration(settings: ProviderSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  const auth = settings.clientSecret === null ? oidc.None() : oidc.ClientSecretPost(settings.clientSecret);
  try {
    return await oidc.discovery(issuer, settings.clientId, undefined, auth, {
      timeout: TIMEOUT_SECONDS,
      // The ID token's signature is checked against the provider's keys even though it comes
      // straight from the token endpoint; plain http only for a provider on this computer.
      execute: issuer.protocol === 'http:' ? [oidc.enableNonRepudiationChecks, oidc.allowInsecureRequests] : [oidc.enableNonRepudiationChecks],
    });
  } catch (error) {
    throw new SignInProblem('provider_unreachable', `${settings.displayName || 'The identity provider'} cannot be reached at ${settings.issuer} (${reasonOf(error)}).`);
  }
}

const reasonOf = (error: unknown): string => {
  if (!(error instanceof Error)) return 'no answer';
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
};

/** Each way the exchange fails, in words a person can act on; nothing is signed in for any of them. */
function explain(error: unknown, name: string): SignInProblem {
  if (error instanceof SignInProblem) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    return new SignInProblem('provider_refused', `${name} did not sign you in (${error.error_description ?? error.error}).`);
  }
  if (error instanceof oidc.ResponseBodyError) {
    // invalid_grant: the code was used already, expired, or was issued for another sign-in.
    return new SignInProblem('provider_refused', `${name} refused the sign-in code (${error.error_description ?? error.error}): start the sign-in again.`);
  }
  if (error instanceof oidc.ClientError || (error instanceof Error && /^OAUTH_/.test(String((error as { code?: unknown }).code)))) {
    // The cause names the claim or check that failed ("nonce", "exp", the signature).
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    return new SignInProblem('provider_refused', `The identity token from ${name} did not check out (${cause}): nothing was signed in.`);
  }
  return new SignInProblem('provider_unreachable', `${name} did not answer the sign-in (${reasonOf(error)}): try again.`);
}
