import { z } from 'zod';
import { parseWith } from '../../shared/validation';

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

/** A connector's settings, or the permanent failure that names what is missing (retrying cannot fix settings). */
export function readChannelSettings<T>(
  schema: z.ZodType<T>,
  settings: unknown,
  platformName: string,
): { ok: true; value: T } | { ok: false; error: string; retry: false } {
  const parsed = parseWith(schema, settings);
  if (parsed.ok) return { ok: true, value: parsed.value };
  const problems = parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return { ok: false, error: `The ${platformName} channel's settings are incomplete (${problems}).`, retry: false };
}
