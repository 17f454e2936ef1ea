import type { Turn } from '../../shared/envelope';
import { squashSpace, straightQuotes } from '../../shared/text/normalize';

/** How much of one turn the extractors read: enough for any real message, bounded for pasted logs. */
export const SCAN_LIMIT = 4000;

// Every extractor (sentiment, fields, reason, summary) and every neighbouring customer turn asks for
// the same turns' scan text, so it is worked out once per turn (docs/decisions/009-enrichment-scan-text-once.md).
// Keyed by the turn object and checked against its text, so an edited turn is never served stale.
const scanned = new WeakMap<Turn, { text: string; scan: string }>();
// What squashSpace would change: whitespace other than a plain space, two spaces, or an edge space.
// Most turns have none, and testing is cheaper than replacing.
const UNSQUASHED = /[^\S ]| {2}|^ | $/;

/** A turn's text as the extractors read it: single-spaced, plain apostrophes, bounded. */
export function scanText(turn: Turn): string {
  const known = scanned.get(turn);
  if (known && known.text === turn.text) return known.scan;
  const bounded = turn.text.length > SCAN_LIMIT ? turn.text.slice(0, SCAN_LIMIT) : turn.text;
  const scan = straightQuotes(UNSQUASHED.test(bounded) ? squashSpace(bounded) : bounded);
  scanned.set(turn, { text: turn.text, scan });
  return scan;
}

export const isCustomer = (turn: Turn): boolean => turn.author === 'customer';
export const isBot = (turn: Turn): boolean => turn.author === 'bot';

/** The first bot turn after position `index`, if the bot spoke before the customer did again. */
export function botReplyAfter(transcript: readonly Turn[], index: number): Turn | undefined {
  for (let i = index + 1; i < transcript.length; i++) {
    const turn = transcript[i];
    if (!turn) break;
    if (isBot(turn)) return turn;
    if (isCustomer(turn)) return undefined;
  }
  return undefined;
}

/** The bot turns between the previous customer turn and position `index`: what the customer answers. */
export function botPromptBefore(transcript: readonly Turn[], index: number): string {
  const parts: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const turn = transcript[i];
    if (!turn || isCustomer(turn)) break;
    if (isBot(turn)) parts.unshift(scanText(turn));
  }
  return parts.join(' ');
}

const GREETING = /^(?:(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening)|greetings|hola|bonjour|hallo)(?: there)?\b[\s,.!]*)+/i;
const SMALL_TALK =
  /^(?:ok(?:ay)?|k|yes|yeah|yep|yup|no|nope|nah|sure|thanks?|thank you|ty|cool|great|fine|good|hi|hello|hey|bye|goodbye|please|help)\b[\s.!?,]*$/i;

/** The text without an opening greeting ("Hi, I lost my card" → "I lost my card"). */
export function withoutGreeting(text: string): string {
  return text.replace(GREETING, '').trim();
}

/**
 * Whether a customer turn says what they want, rather than greeting, acknowledging or answering
 * a yes/no question: at least three words once any greeting is stripped.
 */
export function isSubstantive(text: string): boolean {
  const body = withoutGreeting(squashSpace(text));
  if (!body || SMALL_TALK.test(body)) return false;
  return (body.match(/[\p{L}\p{N}]+/gu) ?? []).length >= 3;
}

/** The first customer turn that says what they want, if any. */
export function firstRequest(transcript: readonly Turn[]): Turn | undefined {
  return transcript.find((turn) => isCustomer(turn) && isSubstantive(scanText(turn)));
}
