import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/**
 * Signed webhooks, in the Standard Webhooks format (the `standardwebhooks` library, as Svix and
 * others send them): `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256
 * of "id.timestamp.body">`. The library checks the signature in constant time and refuses a
 * timestamp more than 5 minutes away; the hub refuses the same id + timestamp a second time.
 */

export type SignatureCheck = { ok: true; messageId: string; timestamp: string } | { ok: false; message: string };

export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

const header = (headers: Record<string, string | string[] | undefined>, name: string): string =>
  [headers[name]].flat()[0] ?? '';

export function checkSignature(secret: string, rawBody: string, headers: Record<string, string | string[] | undefined>): SignatureCheck {
  const signed = {
    'webhook-id': header(headers, 'webhook-id'),
    'webhook-timestamp': header(headers, 'webhook-timestamp'),
    'webhook-signature': header(headers, 'webhook-signature'),
  };
  if (!signed['webhook-id'] || !signed['webhook-timestamp'] || !signed['webhook-signature']) {
    return { ok: false, message: 'This integration signs its webhooks: send webhook-id, webhook-timestamp and webhook-signature.' };
  }
  try {
    new Webhook(secret).verify(rawBody, signed);
  } catch (error) {
    const reason = error instanceof WebhookVerificationError ? error.message : 'invalid signature';
    return { ok: false, message: `Webhook signature refused: ${reason}.` };
  }
  return { ok: true, messageId: signed['webhook-id'], timestamp: signed['webhook-timestamp'] };
}

/** How a bot signs (used by tests, the bench and the docs' example). */
export const signWebhook = (secret: string, messageId: string, at: Date, rawBody: string): string =>
  new Webhook(secret).sign(messageId, at, rawBody);
