import { randomBytes, timingSafeEqual } from 'node:crypto';

/** What the page server does with one request, before anything is served. */
export type BridgeVerdict =
  | { kind: 'pass' }
  /** The printed URL's token was right: set the cookie and drop the token from the address bar. */
  | { kind: 'exchange'; setCookie: string; location: string }
  | { kind: 'refuse'; status: 403 | 421; message: string };

const sameSecret = (given: string, secret: Buffer): boolean => {
  const candidate = Buffer.from(given);
  return candidate.length === secret.length && timingSafeEqual(candidate, secret);
};

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

/**
 * Browser mode's secret, as Jupyter keeps one: a random token travels out of band in the URL the
 * CLI prints, and the first request that carries it gets an HttpOnly SameSite=Strict cookie.
 * Everything else is refused, the page included: another local user can connect to a loopback
 * port and forge any Origin, but cannot read this process's output or the browser's cookie jar.
 */
export function createBridgeSecret(port: number) {
  const token = randomBytes(32).toString('base64url');
  const secret = Buffer.from(token);
  // Cookies are shared by every port of a host: the agent's and the supervisor's must not collide.
  const cookieName = `warmline-bridge-${port}`;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    token,
    /** A WebSocket upgrade or a page request: the cookie must be there and right. */
    hasCookie: (cookieHeader: string | undefined): boolean => {
      const value = cookieValue(cookieHeader, cookieName);
      return value !== null && sameSecret(value, secret);
    },
    /** Only the names this server listens under: a rebound DNS name is not this workstation. */
    isOwnHost: (host: string | undefined): boolean => host !== undefined && hosts.has(host.toLowerCase()),
    check(url: string, headers: { cookie?: string; host?: string }): BridgeVerdict {
      if (!this.isOwnHost(headers.host)) return { kind: 'refuse', status: 421, message: 'This workstation answers only on 127.0.0.1 and localhost.' };
      const parsed = new URL(url, 'http://workstation');
      const given = parsed.searchParams.get('token');
      if (given !== null) {
        if (!sameSecret(given, secret)) return { kind: 'refuse', status: 403, message: REFUSAL };
        parsed.searchParams.delete('token');
        return {
          kind: 'exchange',
          setCookie: `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
          location: `${parsed.pathname}${parsed.search}`,
        };
      }
      return this.hasCookie(headers.cookie) ? { kind: 'pass' } : { kind: 'refuse', status: 403, message: REFUSAL };
    },
  };
}

const REFUSAL = 'This Warmline workstation needs its key: open the address that `npm run serve` printed (it ends in ?token=…).';

export type BridgeSecret = ReturnType<typeof createBridgeSecret>;
