import { isIP } from 'node:net';

/** The names every hub answers to: a browser on this machine, whatever the port. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of a Host header, lower-cased, without its port; null when it is not one. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return new URL(`http://${header}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** `--allowed-host` values as the Host check compares them: bare names, IPv6 in brackets. */
export const normaliseHost = (host: string): string => {
  const bare = host.trim().toLowerCase();
  return isIP(bare) === 6 ? `[${bare}]` : bare;
};

/**
 * Which Host headers the hub answers, against DNS rebinding: a page on an attacker's name that
 * resolves to the hub's address is same-origin with the hub in the browser's eyes, and only the
 * Host header still says whose name it used. Loopback names always; others only as configured.
 */
export function createHostAllowlist(configured: readonly string[] = []) {
  const allowed = new Set([...LOOPBACK_HOSTS, ...configured.map(normaliseHost)]);
  const isHostAllowed = (header: string | undefined): boolean => {
    const name = hostName(header);
    return name !== null && allowed.has(name);
  };
  return {
    isHostAllowed,
    /**
     * A WebSocket's Origin: the hub's own pages (an origin on the very Host the request used,
     * when that host is allowed) or one configured with --origin.
     */
    isOriginAllowed(origin: string, host: string | undefined, extraOrigins: ReadonlySet<string>): boolean {
      if (extraOrigins.has(origin)) return true;
      try {
        return new URL(origin).host === host && isHostAllowed(host);
      } catch {
        return false;
      }
    },
  };
}

export type HostAllowlist = ReturnType<typeof createHostAllowlist>;
