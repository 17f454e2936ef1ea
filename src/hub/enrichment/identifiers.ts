import { digitsOf } from '../../shared/text/normalize';
import { isNear, tokenize, type Token } from './tokens';

/**
 * Account numbers, order numbers and booking references, found after the word that names them
 * ("account number is 351531510", "ordr #5521", "my booking ref: BK-2031"), spelling slips
 * forgiven. Numbers next to "PIN", "password" or "code" are secrets, never a field.
 */

export type IdKind = 'account_number' | 'order_id' | 'booking_reference';

const KEYWORDS: ReadonlyArray<readonly [IdKind, readonly string[], readonly string[]]> = [
  // kind, words compared with one slip allowed, words that must match exactly
  ['account_number', ['account'], ['acct', 'acc', 'accnt', 'acount', 'a/c']],
  ['order_id', ['order'], ['ordr', 'ord']],
  ['booking_reference', ['booking', 'reservation', 'confirmation', 'reference'], ['ride', 'ticket', 'pnr', 'ref', 'conf', 'bkg']],
];

// Words between the keyword and the value ("order NUMBER IS 555", "account no. 1234").
// "I'd" is how autocorrect spells "ID" ("my booking I'd is 681").
const ID_WORDS = new Set(['number', 'no', 'num', 'nr', 'nbr', 'nmber', 'numer', '#', 'id', "i'd", 'ref', 'reference', 'code']);
const FILLER = new Set([...ID_WORDS, 'numbers', 'is', 'was', "it's", 'its', 'my', 'the', 'of', 'be', 'should', 'with']);
const SECRET = new Set(['pin', 'password', 'passcode', 'passwd', 'cvv', 'cvc', 'ssn', 'otp', 'security']);

export interface FoundId {
  kind: IdKind;
  value: string;
}

// Every word of every customer turn is looked up, and words repeat across turns and handoffs:
// remembered answers, bounded so that a flood of distinct words cannot grow memory.
const kindOfWord = new Map<string, IdKind | null>();
const KIND_MEMORY = 20_000;

export function keywordKind(word: string): IdKind | undefined {
  const known = kindOfWord.get(word);
  if (known !== undefined) return known ?? undefined;
  let kind: IdKind | null = null;
  for (const [candidate, near, exact] of KEYWORDS) {
    if (exact.includes(word) || near.some((target) => isNear(word, target))) {
      kind = candidate;
      break;
    }
  }
  if (kindOfWord.size >= KIND_MEMORY) kindOfWord.clear();
  kindOfWord.set(word, kind);
  return kind ?? undefined;
}

/** Whether a word can be an identifier: 3–20 letters and digits with at least one digit. */
export function isIdentifier(token: Token): boolean {
  return /^[a-z0-9][a-z0-9-]{2,19}$/i.test(token.text) && /\d/.test(token.text);
}

/** Identifiers named by a keyword anywhere in the text. */
export function findNamedIds(text: string): FoundId[] {
  const tokens = tokenize(text);
  const found: FoundId[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const kind = keywordKind(tokens[i]?.lower ?? '');
    if (!kind) continue;
    const value = valueAfter(text, tokens, i + 1);
    if (value) found.push({ kind, value });
  }
  return found;
}

function valueAfter(text: string, tokens: readonly Token[], from: number): string | undefined {
  let sawIdWord = false;
  for (let j = from; j < Math.min(tokens.length, from + 5); j++) {
    const token = tokens[j];
    if (!token) break;
    if (FILLER.has(token.lower)) {
      sawIdWord ||= ID_WORDS.has(token.lower);
      continue;
    }
    // Two digits are an id only right after "ID"/"number" ("my ride id is 94").
    const shortId = sawIdWord && /^\d{2}$/.test(token.text);
    if ((!isIdentifier(token) && !shortId) || isSecret(tokens, j)) return undefined;
    const value = joinDigitGroups(text, tokens, j);
    // "order 300 pizzas": a short bare number needs "number"/"#" before it or nothing after it.
    const next = tokens[j + 1];
    const endsThere = !next || /[.,;!?)]/.test(text.slice(token.end, next.start));
    if (/^\d{3}$/.test(value) && !sawIdWord && !endsThere) return undefined;
    return value;
  }
  return undefined;
}

/** "1234 5678 9012" typed in groups is one number. */
function joinDigitGroups(text: string, tokens: readonly Token[], j: number): string {
  let value = tokens[j]?.text ?? '';
  if (!/^\d{3,}$/.test(value)) return value;
  for (let k = j + 1; k < tokens.length; k++) {
    const prev = tokens[k - 1];
    const next = tokens[k];
    if (!prev || !next || !/^\d{3,}$/.test(next.text) || !/^[ -]$/.test(text.slice(prev.end, next.start))) break;
    value += next.text;
  }
  return value;
}

function isSecret(tokens: readonly Token[], j: number): boolean {
  for (let k = Math.max(0, j - 3); k < j; k++) if (SECRET.has(tokens[k]?.lower ?? '')) return true;
  return false;
}

/**
 * The identifier in a reply to the bot asking for one ("351531510", "it's 68318931, and my PIN
 * is 0314"): the first identifier that is not a secret and not a date or an amount.
 */
export function answeredId(reply: string): string | undefined {
  const tokens = tokenize(reply);
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j];
    if (!token || !isIdentifier(token) || isSecret(tokens, j)) continue;
    const before = reply.slice(Math.max(0, token.start - 1), token.start);
    const after = reply.slice(token.end, token.end + 1);
    if (/[$€£/.:]/.test(before) || /[/:]/.test(after) || /^\d{1,2}(?:st|nd|rd|th|am|pm)$/i.test(token.text)) continue;
    if (/^\d{1,2}$/.test(digitsOf(token.text)) && /^\d+$/.test(token.text)) continue;
    return joinDigitGroups(reply, tokens, j);
  }
  return undefined;
}

const EMAIL_TOKEN = /^[\p{L}\p{N}._%+'-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})*\.\p{L}{2,24}$/u;

/** Email addresses, read word by word so a 20,000-character turn cannot make the regex crawl. */
export function findEmails(text: string): string[] {
  return text
    .split(/[\s<>()[\],;"]+/)
    .filter((word) => word.includes('@') && word.length <= 254)
    .map((word) => word.replace(/^mailto:/i, '').replace(/[.:!?]+$/, ''))
    .filter((word) => EMAIL_TOKEN.test(word));
}

// +44 20 7946 0958 / (977) 625-2661 / 555-123-4567 / 07700 900123
const PHONE = /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4}(?![\w-])|\+\d{8,15}\b/g;
const PHONE_CUE = /\b(?:phone|mobile|cell|tel|telephone|call me|reach me|text me|whatsapp|contact number|number is)\b/i;

/** Phone numbers: written like one (a "+", brackets or groups) or named as one, 7–15 digits. */
export function findPhones(text: string, prompted: boolean): string[] {
  const phones: string[] = [];
  for (const match of text.matchAll(PHONE)) {
    const value = match[0];
    const digits = digitsOf(value);
    if (digits.length < 7 || digits.length > 15) continue;
    const index = match.index ?? 0;
    const before = text.slice(Math.max(0, index - 40), index);
    if (keywordBefore(before)) continue;
    if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(value)) continue;
    const looksLikePhone = value.startsWith('+') || value.includes('(') || /\d[ .-]\d+[ .-]\d/.test(value);
    if (looksLikePhone || prompted || PHONE_CUE.test(before)) phones.push(value.trim());
  }
  if (prompted && phones.length === 0) {
    const bare = /(?<![\w$€£])\d{7,15}(?!\w)/.exec(text);
    if (bare && !keywordBefore(text.slice(Math.max(0, bare.index - 40), bare.index))) phones.push(bare[0]);
  }
  return phones;
}

// An account/order/booking word just before a number makes it that, not a phone.
function keywordBefore(before: string): boolean {
  const words = tokenize(before).slice(-4);
  return words.some((word) => keywordKind(word.lower) !== undefined || SECRET.has(word.lower));
}

const AMOUNT =
  /(?:[$€£¥]|\b(?:usd|eur|gbp|us\$)\s?)\s?\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?(?!\d)|(?<![\w.,])\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?\s?(?:dollars?|bucks|buckaroos|euros?|pounds?|quid|usd|eur|gbp|€|£)(?!\w)|(?<![\w.,])\d{4,9}(?:\.\d{1,2})?\s?(?:dollars?|bucks|euros?|pounds?|usd|eur|gbp)(?!\w)|[$€£]\s?\d{4,9}(?:\.\d{1,2})?(?!\d)/gi;

/** Money amounts with their currency ("$300", "500 dollars", "€12.50"). */
export function findAmounts(text: string): string[] {
  return [...text.matchAll(AMOUNT)].map((match) => match[0].trim());
}
