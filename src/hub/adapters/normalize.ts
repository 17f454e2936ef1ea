import { createHash } from 'node:crypto';
import { ENVELOPE_LIMITS, type Channel, type Sentiment } from '../../shared/envelope';

/** Chatwoot's documented sample writes times as `2020-03-03 13:05:57 UTC`, which is not ISO 8601. */
const RUBY_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) UTC$/;
/** Beyond this an epoch number must be milliseconds: 1e11 seconds is the year 5138. */
const EPOCH_MS_THRESHOLD = 1e11;

/**
 * Turns a platform's time (epoch seconds or milliseconds, ISO 8601, Chatwoot's Ruby format) into
 * an ISO string; anything unreadable becomes `fallback`, because one bad clock must not lose a turn.
 */
export function toIsoTime(value: unknown, fallback: string): string {
  let date: Date | undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    date = new Date(value >= EPOCH_MS_THRESHOLD ? value : value * 1000);
  } else if (typeof value === 'string' && value.length <= 64) {
    const ruby = RUBY_UTC.exec(value);
    const text = ruby ? `${ruby[1]}T${ruby[2]}Z` : value;
    // Only strings that look like a date: `Date` would otherwise read "1" as the year 2001.
    if (/^\d{4}-\d{2}-\d{2}/.test(text)) date = new Date(text);
    else if (/^\d+(\.\d+)?$/.test(text)) return toIsoTime(Number(text), fallback);
  }
  if (!date || Number.isNaN(date.getTime())) return fallback;
  const year = date.getUTCFullYear();
  return year >= 1970 && year <= 9999 ? date.toISOString() : fallback;
}

/** Cuts text to the envelope's limit; only text past the hub's limit is ever touched. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const clipShort = (text: string): string => clip(text, ENVELOPE_LIMITS.maxShortText);

/**
 * A payload value for a message, without calling anything on it: String() runs a payload's own
 * toString/valueOf, which a hostile body can make throw ({ "toString": "x" }).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return clipShort(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return `${value}`;
  return Array.isArray(value) ? 'an array' : 'an object';
}
export const clipLong = (text: string): string => clip(text, ENVELOPE_LIMITS.maxLongText);
export const clipTurn = (text: string): string => clip(text, ENVELOPE_LIMITS.maxTurnText);

const MAX_ID = 200;

/**
 * The envelope id: the same platform conversation (and handoff number) always gives the same id,
 * so a retried webhook is a replay. Ids too long for the envelope keep their readable start and a
 * hash of the whole, so two long ids never collide.
 */
export function stableId(...parts: string[]): string {
  const joined = parts.join(':');
  if (joined.length <= MAX_ID) return joined;
  const hash = createHash('sha256').update(joined).digest('hex').slice(0, 32);
  return `${joined.slice(0, MAX_ID - hash.length - 1)}~${hash}`;
}

/** A short, deterministic hash of content, for platforms that send no conversation id at all. */
export const contentHash = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value) ?? '').digest('hex').slice(0, 24);

/** A turn or customer id within the envelope's id limit. */
export const boundedId = (value: string): string => (value.length <= MAX_ID ? value : stableId(value));

/** The name an agent sees when the platform gave none: never empty, never a guess. */
export function customerName(name: string | undefined, id: string | undefined): string {
  const given = name?.trim();
  if (given) return clipShort(given);
  const ref = id?.trim() ?? '';
  if (!ref) return 'Customer';
  return `Customer ${ref.length <= 8 ? ref : ref.slice(-6)}`;
}

/** A score the bot computed gets a label by the same cut-offs everywhere in Warmline. */
export function sentimentFromScore(score: number): Sentiment {
  const bounded = Math.max(-1, Math.min(1, score));
  const label = bounded <= -0.25 ? 'negative' : bounded >= 0.25 ? 'positive' : 'neutral';
  return { score: bounded, label, source: 'bot' };
}

/** `order_id` → `Order id`, `customerEmail` → `Customer email`. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return clipShort(words ? words[0]!.toUpperCase() + words.slice(1) : key);
}

const CHANNEL_WORDS: [RegExp, Channel][] = [
  [/whats ?app/i, 'whatsapp'],
  [/sms|twilio/i, 'sms'],
  [/e-?mail/i, 'email'],
  [/facebook|messenger/i, 'messenger'],
  [/voice|phone|telephony/i, 'voice'],
  [/web ?chat|web ?widget|socketio|^web$/i, 'web'],
];

/** Maps a platform's channel name to the envelope's channel; unknown names stay unset. */
export function channelFrom(name: string | undefined): Channel | undefined {
  if (!name) return undefined;
  return CHANNEL_WORDS.find(([pattern]) => pattern.test(name))?.[1];
}
