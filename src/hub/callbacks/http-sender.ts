import type { BotCallback } from '../../shared/protocol';
import { signWebhook } from '../auth/webhook-signature';

export interface CallbackTarget {
  url: string;
  /** The integration's signing secret; without one the callback goes unsigned. */
  signingSecret: string | null;
}

export type SendOutcome = { ok: true } | { ok: false; error: string; retry: boolean };

const TIMEOUT_MS = 10_000;

/**
 * POSTs one callback, signed the way the hub checks incoming webhooks (Standard Webhooks): the
 * same `webhook-id` on every attempt so the bot can drop repeats, a fresh timestamp per attempt so
 * a late retry still falls inside the receiver's replay window.
 */
export async function sendCallback(target: CallbackTarget, id: string, callback: BotCallback, now: Date): Promise<SendOutcome> {
  const body = JSON.stringify(callback);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Warmline-Hub/1',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
  };
  if (target.signingSecret) headers['webhook-signature'] = signWebhook(target.signingSecret, id, now, body);
  try {
    const response = await fetch(target.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.body?.cancel();
    if (response.ok) return { ok: true };
    // 410 Gone is the receiver saying it never wants this again; anything else may pass later.
    return { ok: false, error: `HTTP ${response.status}`, retry: response.status !== 410 };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), retry: true };
  }
}
