import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_REDIRECT_PATH } from '../../shared/sign-in';

/** The hub's two calls of a provider sign-in; the hub is the OpenID client, this side keeps the verifier. */
export interface ProviderSignInHub<Signed> {
  start(request: { redirectUri: string; codeChallenge: string }): Promise<{ authorizationUrl: string }>;
  finish(request: { callbackUrl: string; codeVerifier: string }): Promise<Signed>;
}

export interface LoopbackSignIn<Signed> {
  /** Where the person signs in: opened in the system browser (desktop) or a new tab (browser mode). */
  authorizationUrl: string;
  /** The hub's session once the browser came back, or why not. */
  result: Promise<Signed>;
  cancel(): void;
}

export class LoopbackSignInError extends Error {
  constructor(
    readonly code: 'cancelled' | 'timed_out',
    message: string,
  ) {
    super(message);
    this.name = 'LoopbackSignInError';
  }
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** PKCE, RFC 7636 section 4: 32 random octets as the verifier, its SHA-256 as the S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * A native app's sign-in as RFC 8252 has it: a listener on 127.0.0.1 with a port the system picks,
 * the authorization URL for the system browser, and one redirect taken back: the one carrying the
 * state this sign-in sent. Anything else on the port is refused and the wait goes on. Plain Node,
 * so the Electron app and browser mode share it and tests run it without Electron.
 */
export async function startLoopbackSignIn<Signed>(
  hub: ProviderSignInHub<Signed>,
  options: { timeoutMs?: number; signedInPage?: (signed: Signed) => string } = {},
): Promise<LoopbackSignIn<Signed>> {
  const { verifier, challenge } = pkcePair();
  let settle: { resolve(signed: Signed): void; reject(error: Error): void } | null = null;
  const result = new Promise<Signed>((resolve, reject) => (settle = { resolve, reject }));
  let expectedState: string | null = null;
  let isTaken = false;

  const server = createServer((request, response) => void answer(request, response));
  const finishWith = (outcome: { signed: Signed } | { error: Error }) => {
    clearTimeout(timer);
    server.close();
    server.closeIdleConnections();
    if ('signed' in outcome) settle?.resolve(outcome.signed);
    else settle?.reject(outcome.error);
    settle = null;
  };

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (request.method !== 'GET' || url.pathname !== LOOPBACK_REDIRECT_PATH) return page(response, 404, 'Not here', 'This address only takes Warmline’s sign-in.');
    if (isTaken || expectedState === null || url.searchParams.get('state') !== expectedState) {
      return page(response, 400, 'Not this sign-in', 'This is not the sign-in Warmline is waiting for. Start it again from Warmline.');
    }
    isTaken = true;
    try {
      const signed = await hub.finish({ callbackUrl: url.href, codeVerifier: verifier });
      page(response, 200, 'You are signed in', options.signedInPage?.(signed) ?? 'You are signed in to Warmline. You can close this tab and go back to Warmline.');
      finishWith({ signed });
    } catch (error) {
      const message = error instanceof Error ? error.message : 'The sign-in failed.';
      page(response, 400, 'Not signed in', `${message} Go back to Warmline to try again.`);
      finishWith({ error: error instanceof Error ? error : new Error(message) });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const timer = setTimeout(
    () => finishWith({ error: new LoopbackSignInError('timed_out', `The sign-in in your browser was not finished within ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 60_000)} minutes: start it again.`) }),
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  timer.unref();

  let authorizationUrl: string;
  try {
    ({ authorizationUrl } = await hub.start({ redirectUri: `http://127.0.0.1:${port}${LOOPBACK_REDIRECT_PATH}`, codeChallenge: challenge }));
    expectedState = new URL(authorizationUrl).searchParams.get('state');
  } catch (error) {
    clearTimeout(timer);
    server.close();
    throw error;
  }
  // Nobody may be waiting on the result when cancelled before it is read.
  result.catch(() => undefined);
  return {
    authorizationUrl,
    result,
    cancel: () => finishWith({ error: new LoopbackSignInError('cancelled', 'The sign-in was cancelled.') }),
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A plain page for the browser tab: no script, nothing loaded, the message as text. */
function page(response: ServerResponse, status: number, title: string, message: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Warmline — ${escape(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1.5rem;color:#1f2933}h1{font-size:1.4rem}</style></head>
<body><h1>${escape(title)}</h1><p>${escape(message)}</p></body></html>`);
}
