import type { HandoffEnvelope } from './envelope';
import { canonicalFieldKey, FIELD_LABELS, isPlaceholderName, type FieldKind } from './text/field-kinds';
import { containsDigits, containsWord, digitsOf, squashSpace, truncate } from './text/normalize';

/**
 * The repeat-ask guard. The composer warns before an agent asks for something the customer
 * already gave; the hub records it when one is sent, and when a customer re-states a value.
 * Pure: the renderer and the hub both import it.
 */

export type RepeatAskKey = FieldKind | 'issue';

export interface RepeatAsk {
  fieldKey: RepeatAskKey;
  label: string;
  /** What the customer already gave, to show the agent instead of asking. */
  knownValue: string;
  /** The words in the draft (or the customer's message) that triggered the warning. */
  matchedText: string;
}

// How an agent names each field when asking for it. "your order 555" is not asking: the
// patterns need "number"/"ID"/"email address"-like words, and asking is checked separately.
const MENTIONS: ReadonlyArray<readonly [FieldKind, RegExp]> = [
  [
    'account_number',
    /\b(?:account|acct|a\/c)\s*(?:number|no\b\.?|num\b|#|id\b|details)|\b(?:which|what) account\b|\bnumber (?:of|on|for) (?:your|the|this) account\b/i,
  ],
  [
    'order_id',
    /\border\s*(?:number|no\b\.?|num\b|#|id\b|reference|ref\b)|\b(?:which|what) order\b|\b(?:number|reference) (?:is )?(?:of|on|for) (?:your|the|this) order\b/i,
  ],
  [
    'booking_reference',
    /\b(?:booking|reservation|confirmation|ride|ticket)\s*(?:number|no\b\.?|num\b|#|id\b|reference|ref\b|code)|\bbooking reference\b/i,
  ],
  ['name', /\byour\s+(?:full\s+|first\s+|last\s+|complete\s+)?name\b|\bwho (?:am I|are we) (?:speaking|talking|chatting) (?:to|with)\b|\bname (?:on|for) the (?:account|booking|order)\b/i],
  ['email', /\b(?:your|ur|what|which)\s+e-?mail(?:\s+address)?\b|\be-?mail address\b/i],
  ['phone', /\b(?:phone|mobile|cell|telephone|contact)\s*(?:number|no\b\.?|#)|\bnumber (?:to|we can) (?:call|reach)\b/i],
  ['date_of_birth', /\bdate of birth\b|\bd\.?o\.?b\b|\bbirth ?date\b|\bbirthday\b|\bwhen were you born\b/i],
];

const ISSUE_QUESTION =
  /\b(?:how (?:can|may|could) (?:I|we) (?:help|assist)|what (?:can|could) (?:I|we) (?:do|help you with)|what(?:'s| is| seems to be) the (?:issue|problem|matter|trouble)|what (?:brings you|are you (?:contacting|writing|calling) (?:us )?about)|what (?:is|was) (?:this|it) (?:regarding|about)|what do you need help with|what (?:did|do) you need|how can I be of (?:help|assistance)|describe (?:the|your) (?:issue|problem))\b/i;

// A sentence asks when it ends in "?" or opens with a request ("please confirm your…").
const REQUEST =
  /^(?:(?:ok(?:ay)?|great|thanks|thank you|sure|alright|right|so|and|also|first|now|hi|hello)[\s,!.]+)*(?:please\b|kindly\b|(?:can|could|would|will) you\b|(?:can|could|may) I (?:have|get|ask|take)\b|I(?:'ll| will|'d| would)? need\b|I need\b|let me know\b|tell me\b|send (?:me|us)\b|give me\b|provide\b|confirm\b|share\b|type\b|enter\b|what(?:'s| is| was)\b)/i;

interface Known {
  key: RepeatAskKey;
  label: string;
  value: string;
}

/** What the envelope already holds, by field kind; the bot's own keys are mapped to Warmline's. */
function knownValues(envelope: HandoffEnvelope): Known[] {
  const known = new Map<RepeatAskKey, Known>();
  const add = (key: RepeatAskKey, label: string, value: string | undefined): void => {
    const clean = squashSpace(value ?? '');
    if (clean && !known.has(key)) known.set(key, { key, label, value: clean });
  };
  for (const field of envelope.fields ?? []) {
    const kind = canonicalFieldKey(field.key);
    if (kind) add(kind, field.label || FIELD_LABELS[kind], field.value);
  }
  if (!isPlaceholderName(envelope.customer.name)) add('name', FIELD_LABELS.name, envelope.customer.name);
  add('email', FIELD_LABELS.email, envelope.customer.email);
  add('phone', FIELD_LABELS.phone, envelope.customer.phone);
  add('issue', 'Issue', envelope.issue?.title ?? (envelope.summary ? truncate(envelope.summary.text, 160) : undefined));
  return [...known.values()];
}

/** Sentences of a draft, split at end punctuation and line breaks. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

function isAsking(sentence: string): boolean {
  return /\?\s*$/.test(sentence) || REQUEST.test(sentence);
}

/** Whether the sentence already quotes the value, as in "Is your order number still 555?" */
function quotesValue(sentence: string, value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length >= 3 && digits.length >= value.replace(/\s/g, '').length / 2) return containsDigits(sentence, digits);
  return containsWord(sentence, value);
}

/**
 * The things an agent's draft asks for that the envelope already holds. A draft that merely
 * mentions a field ("I can see your order 555") or quotes the known value back does not count.
 */
export function findRepeatAsks(draft: string, envelope: HandoffEnvelope): RepeatAsk[] {
  const known = knownValues(envelope);
  if (known.length === 0 || !draft.trim()) return [];
  const asks: RepeatAsk[] = [];
  for (const sentence of sentencesOf(draft.slice(0, 4000))) {
    if (!isAsking(sentence)) continue;
    for (const item of known) {
      if (asks.some((ask) => ask.fieldKey === item.key)) continue;
      const pattern = item.key === 'issue' ? ISSUE_QUESTION : MENTIONS.find(([kind]) => kind === item.key)?.[1];
      const match = pattern?.exec(sentence);
      if (!match || quotesValue(sentence, item.value)) continue;
      asks.push({ fieldKey: item.key, label: item.label, knownValue: item.value, matchedText: match[0] });
    }
  }
  return asks;
}

/**
 * The collected values a customer's message states again: the sign they were asked twice, or
 * feared they would be. Names count only whole; numbers count however they are spaced.
 */
export function findRestatedFields(customerText: string, envelope: HandoffEnvelope): RepeatAsk[] {
  const text = customerText.slice(0, 4000);
  const restated: RepeatAsk[] = [];
  for (const item of knownValues(envelope)) {
    if (item.key === 'issue') continue;
    const matchedText = restatement(text, item);
    if (matchedText) restated.push({ fieldKey: item.key, label: item.label, knownValue: item.value, matchedText });
  }
  return restated;
}

function restatement(text: string, item: Known): string | undefined {
  if (item.key === 'email') return text.toLowerCase().includes(item.value.toLowerCase()) ? item.value : undefined;
  const digits = digitsOf(item.value);
  const numeric = digits.length >= 4 && digits.length >= item.value.replace(/[\s+()-]/g, '').length * 0.6;
  if (numeric) return containsDigits(text, digits) ? item.value : undefined;
  if (item.value.length < 3) return undefined;
  return containsWord(text, item.value) ? item.value : undefined;
}
