import { z } from 'zod';

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/** Whether the hub may send a platform's API calls there: https anywhere, plain http only to this machine, no credentials. */
export function isSafeChannelUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
}

/** A platform's base or webhook URL in a channel's settings. */
export const channelUrlSchema = z.string().max(2000).refine(isSafeChannelUrl, 'must be an https URL (plain http only to this machine), without credentials');
