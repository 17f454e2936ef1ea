/**
 * Where a desktop may reach a hub: https anywhere, plain http only on this computer. A session
 * token and customers' words travel on this connection, so a hub across the network needs TLS.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

export const isLoopbackHost = (hostname: string): boolean =>
  LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

export function isAllowedHubUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

export const HUB_URL_RULE = 'Use https:// for the hub; plain http:// is allowed only for a hub on this computer (localhost or 127.0.0.1).';
