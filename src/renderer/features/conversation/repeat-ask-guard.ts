import type { HandoffEnvelope } from '../../../shared/envelope';
import { findRepeatAsks, type RepeatAsk, type RepeatAskKey } from '../../../shared/repeat-ask';
import { canonicalFieldKey, isPlaceholderName } from '../../../shared/text/field-kinds';

/**
 * The composer's repeat-ask guard, as pure functions: what a draft asks for that the customer
 * already gave, in words the agent can act on, and whether pressing Enter should send or warn.
 */

export interface RepeatAskNotice {
  fieldKey: RepeatAskKey;
  /** "Maria already gave their order number", without the value. */
  lead: string;
  knownValue: string;
  isVerified: boolean;
}

const WHAT: Readonly<Record<RepeatAskKey, string>> = {
  name: 'already gave their name',
  account_number: 'already gave their account number',
  order_id: 'already gave their order number',
  booking_reference: 'already gave their booking reference',
  email: 'already gave their email address',
  phone: 'already gave their phone number',
  date_of_birth: 'already gave their date of birth',
  amount: 'already gave the amount',
  issue: 'already said what this is about',
};

/** The customer as the warning names them: a first name, or "The customer" for stand-ins. */
export function customerCallName(envelope: HandoffEnvelope): string {
  const name = envelope.customer.name.trim();
  return isPlaceholderName(name) ? 'The customer' : (name.split(/\s+/)[0] ?? name);
}

function isVerified(envelope: HandoffEnvelope, key: RepeatAskKey): boolean {
  return (envelope.fields ?? []).some((field) => field.verified === true && canonicalFieldKey(field.key) === key);
}

export function describeRepeatAsk(ask: RepeatAsk, envelope: HandoffEnvelope): RepeatAskNotice {
  return {
    fieldKey: ask.fieldKey,
    lead: `${customerCallName(envelope)} ${WHAT[ask.fieldKey]}`,
    knownValue: ask.knownValue,
    isVerified: isVerified(envelope, ask.fieldKey),
  };
}

/** The whole notice as one sentence: "Maria already gave their order number: 555 (verified)". */
export const noticeText = (notice: RepeatAskNotice): string =>
  `${notice.lead}: ${notice.knownValue}${notice.isVerified ? ' (verified)' : ''}`;

/**
 * What pressing Enter on this draft should do. The first press on a draft that asks for
 * something already given warns instead of sending; once every such ask has been shown, the next
 * press sends. Asks added after the warning stop the send once more.
 */
export function sendDecision(
  draft: string,
  envelope: HandoffEnvelope,
  warnedKeys: readonly string[],
): { action: 'send' } | { action: 'warn'; warnedKeys: string[] } {
  const unwarned = findRepeatAsks(draft, envelope)
    .map((ask) => ask.fieldKey)
    .filter((key) => !warnedKeys.includes(key));
  return unwarned.length === 0 ? { action: 'send' } : { action: 'warn', warnedKeys: [...warnedKeys, ...unwarned] };
}

/** The notices to show now: asks still in the draft that the agent has been warned about. */
export function warningNotices(draft: string, envelope: HandoffEnvelope, warnedKeys: readonly string[]): RepeatAskNotice[] {
  if (warnedKeys.length === 0) return [];
  return findRepeatAsks(draft, envelope)
    .filter((ask) => warnedKeys.includes(ask.fieldKey))
    .map((ask) => describeRepeatAsk(ask, envelope));
}
