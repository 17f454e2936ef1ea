import type { BotCallback } from '../../shared/protocol';
import { signWebhook } from '../auth/webhook-signature';
import { networkFailure, outcomeOfResponse } from '../channels/http-outcome';

export interface CallbackTarget {
  url: string;
  /** The integration's signing secret; without one the callback goes unsigned. */
  signingSecret: string | null;
}

export type SendOutcome = { ok: true } | { ok: false; error: string; retry: boolean; retryAfterMs?: number };

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
    return await outcomeOfResponse(response, now);
  } catch (error) {
    return networkFailure(error);
  }
}
