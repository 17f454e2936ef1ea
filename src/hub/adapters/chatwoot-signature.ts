import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Chatwoot's own webhook signature, as chatwoot/chatwoot sends it (lib/webhooks/trigger.rb,
 * `request_headers`; the secret comes from the account webhook or the agent bot, passed by
 * app/listeners/webhook_listener.rb and agent_bot_listener.rb through app/jobs/webhook_job.rb):
 *   X-Chatwoot-Delivery:  a UUID per delivery (kept on Chatwoot's retries of the same job)
 *   X-Chatwoot-Timestamp: Unix seconds at sending
 *   X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * Older Chatwoot versions sign nothing; the secret in the webhook URL is then the only proof.
 */

/** How far Chatwoot's clock and ours may differ, and how long a captured delivery stays replayable. */
export const CHATWOOT_TOLERANCE_SECONDS = 300;

export type ChatwootSignatureCheck =
  | { ok: true; delivery: string | null; timestamp: string | null }
  | { ok: false; message: string };

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string): string => [headers[name]].flat()[0] ?? '';

export function checkChatwootSignature(secrets: string[], rawBody: string, headers: Headers, now: Date): ChatwootSignatureCheck {
  const delivery = header(headers, 'x-chatwoot-delivery').slice(0, 200) || null;
  if (secrets.length === 0) return { ok: true, delivery, timestamp: null };
  const timestamp = header(headers, 'x-chatwoot-timestamp');
  const signature = header(headers, 'x-chatwoot-signature');
  if (!timestamp || !signature) {
    return { ok: false, message: 'This Chatwoot channel has a webhook secret: send X-Chatwoot-Timestamp and X-Chatwoot-Signature.' };
  }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > CHATWOOT_TOLERANCE_SECONDS) {
    return { ok: false, message: 'X-Chatwoot-Timestamp is not within 5 minutes of the hub’s clock.' };
  }
  const given = Buffer.from(signature);
  const matches = secrets.some((secret) => {
    const expected = Buffer.from(signChatwoot(secret, timestamp, rawBody));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  return matches ? { ok: true, delivery, timestamp } : { ok: false, message: 'X-Chatwoot-Signature does not match this channel’s webhook secret.' };
}

/** The header value Chatwoot sends (used by tests and the README's example). */
export const signChatwoot = (secret: string, timestamp: string, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
