import { z } from 'zod';
import { isLoopbackHost } from './hub-url';

/**
 * Sign-in with the company's identity provider (OpenID Connect, authorization code with PKCE).
 * The hub is the relying party; the desktop core holds the PKCE verifier and listens for the
 * redirect on a loopback port (RFC 8252), in the Electron app and in browser mode alike.
 */

/** Where the desktop's loopback listener takes the provider's redirect; the port is ephemeral. */
export const LOOPBACK_REDIRECT_PATH = '/oidc/callback';
/** What to register at the provider (any port on the loopback address, RFC 8252 section 7.3). */
export const LOOPBACK_REDIRECT_REGISTERED = `http://127.0.0.1${LOOPBACK_REDIRECT_PATH}`;

/** Roles a first sign-in may create: an admin is always made by another admin. */
export const PROVIDER_DEFAULT_ROLES = ['agent', 'supervisor'] as const;

export function isLoopbackRedirect(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '' && url.pathname === LOOPBACK_REDIRECT_PATH && !url.search && !url.hash;
  } catch {
    return false;
  }
}

const isAllowedIssuer = (value: string): boolean => {
  try {
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)));
  } catch {
    return false;
  }
};

/** What an admin sets. `clientSecret` absent keeps the stored one, null removes it (a public client). */
export const signInSettingsInputSchema = z.strictObject({
  enabled: z.boolean(),
  displayName: z.string().trim().min(1, 'must not be empty').max(60),
  issuer: z.string().trim().max(500).refine(isAllowedIssuer, 'an https:// issuer URL (http:// only on this computer), without query or fragment'),
  clientId: z.string().trim().min(1, 'must not be empty').max(500),
  clientSecret: z.string().min(1).max(2000).nullable().optional(),
  defaultRole: z.enum(PROVIDER_DEFAULT_ROLES),
  passwordSignIn: z.boolean(),
});
export type SignInSettingsInput = z.input<typeof signInSettingsInputSchema>;

/** What an admin reads back: never the secret, only whether one is stored. */
export interface SignInSettings {
  enabled: boolean;
  displayName: string;
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  defaultRole: (typeof PROVIDER_DEFAULT_ROLES)[number];
  passwordSignIn: boolean;
}

/** What the sign-in screen offers, asked before anyone is signed in. */
export interface SignInOptions {
  provider: { name: string } | null;
  /** False: only admins may use a password (the way back in when the provider is down). */
  passwordSignIn: boolean;
}

export const providerStartSchema = z.strictObject({
  redirectUri: z.string().max(200).refine(isLoopbackRedirect, `http://127.0.0.1:<port>${LOOPBACK_REDIRECT_PATH}`),
  codeChallenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a PKCE S256 challenge'),
});

export const providerFinishSchema = z.strictObject({
  /** The whole redirect the loopback listener received: code, state and iss are read from it. */
  callbackUrl: z.string().max(8000).refine(isLoopbackRedirectWithQuery, 'the loopback redirect as received'),
  codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'a PKCE verifier'),
});

function isLoopbackRedirectWithQuery(value: string): boolean {
  try {
    const url = new URL(value);
    return isLoopbackRedirect(`${url.origin}${url.pathname}`);
  } catch {
    return false;
  }
}

/** A provider sign-in under way: `isOpened` when the system browser already shows the URL (desktop). */
export interface ProviderSignInStarted {
  authorizationUrl: string;
  isOpened: boolean;
}
