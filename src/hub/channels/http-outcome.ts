import type { DeliveryOutcome } from './connector';

/** How much of a refusal's body is read and kept: enough for the platform's reason, no more. */
const MAX_REASON_CHARS = 300;
const MAX_RETRY_AFTER_MS = 30 * 60_000;

/**
 * 4xx answers that may pass later without anyone resending: a timeout, "too early", a rate limit,
 * and credentials an admin can fix while the retries run. Every other 4xx is the platform refusing
 * this item for good; 5xx, 3xx and network failures are retried.
 */
const TRANSIENT_4XX = new Set([401, 403, 408, 425, 429]);

export const isPermanentRefusal = (status: number): boolean => status >= 400 && status < 500 && !TRANSIENT_4XX.has(status);

/** The platform's own words from an error body: a JSON `error`/`message`/`detail` string, else the text. */
function reasonIn(body: string): string {
  const text = body.trim();
  if (!text) return '';
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const nested = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : {};
      for (const candidate of [nested.message, record.error, record.message, record.detail, record.errors]) {
        if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
        if (Array.isArray(candidate) && candidate.every((item) => typeof item === 'string')) return candidate.join('; ');
      }
    }
  } catch {
    // Not JSON: the text itself is the reason.
  }
  return text;
}

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now.getTime();
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : null;
}

/**
 * Turns a platform's HTTP answer into a delivery outcome: 2xx delivered, a permanent refusal with
 * the platform's reason, anything else retried (after `Retry-After` when the platform says so).
 * Reads at most a bounded prefix of the body, so a huge error page costs nothing.
 */
export async function outcomeOfResponse(response: Response, now: Date): Promise<DeliveryOutcome & { retryAfterMs?: number }> {
  if (response.ok) {
    await response.body?.cancel();
    return { ok: true };
  }
  const reason = reasonIn(await boundedText(response)).replace(/\s+/g, ' ').slice(0, MAX_REASON_CHARS);
  const error = reason ? `HTTP ${response.status}: ${reason}` : `HTTP ${response.status}`;
  const after = retryAfterMs(response.headers.get('retry-after'), now);
  return { ok: false, error, retry: !isPermanentRefusal(response.status), ...(after === null ? {} : { retryAfterMs: after }) };
}

async function boundedText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < MAX_REASON_CHARS * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return text;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text;
}

/** A network failure (refused, reset, timed out): always worth another try. */
export const networkFailure = (error: unknown): DeliveryOutcome => ({
  ok: false,
  error: error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error),
  retry: true,
});
