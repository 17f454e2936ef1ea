import type { FieldKind } from '../../shared/text/field-kinds';

/**
 * What the bot just asked for, so a bare answer ("Jane Doe", "351531510") can be read as that
 * field. "The name of the host" or "your mother's maiden name" are not the customer's name.
 */
const ASKS: ReadonlyArray<readonly [FieldKind, RegExp]> = [
  [
    'name',
    /\byour\s+(?:full\s+|first\s+|last\s+|complete\s+)?name\b|\bfull name\b|\bwho (?:am I|are we) (?:speaking|talking|chatting) (?:to|with)\b|\bname (?:on|for) the (?:account|booking|reservation|order)\b/i,
  ],
  ['account_number', /\b(?:account|acct)\s*(?:number|no\b|num\b|#|id\b)/i],
  ['order_id', /\border\s*(?:number|no\b|num\b|#|id\b|reference|ref\b)|\bwhich order\b/i],
  ['booking_reference', /\b(?:booking|reservation|confirmation|ride|ticket)\s*(?:number|no\b|num\b|#|id\b|reference|ref\b|code)|\bbooking reference\b/i],
  ['email', /\be-?mail\b/i],
  ['phone', /\b(?:phone|mobile|cell|telephone|contact)\s*(?:number|no\b)|\bnumber (?:to|we can) (?:call|reach)\b/i],
  ['date_of_birth', /\bdate of birth\b|\bdob\b|\bbirth ?date\b|\bbirthday\b|\bwhen were you born\b/i],
];

/** The field kinds a bot prompt asks for, in the order the bot named them. */
export function askedKinds(prompt: string): FieldKind[] {
  if (!prompt) return [];
  return ASKS.map(([kind, pattern]) => [kind, pattern.exec(prompt)?.index ?? -1] as const)
    .filter(([, index]) => index >= 0)
    .sort((a, b) => a[1] - b[1])
    .map(([kind]) => kind);
}

const CONFIRMS =
  /\b(?:(?:you(?:'re| are)|you(?:'ve| have) been|identity|account|details?)\s+(?:(?:has|have|is|are|now|been|successfully)\s+){0,3}(?:verified|confirmed|authenticated|validated)|(?:I(?:'ve| have)?|we(?:'ve| have)?)\s+(?:successfully\s+)?(?:found|located|pulled up|verified|confirmed|authenticated)\s+(?:you|your|the|that)\b|that matches\b|thanks?(?: you)?[,!. ]+(?:I(?:'ve| have)?|we(?:'ve| have)?) (?:found|located|got) your (?:account|order|booking|reservation|details)|account has been pulled up)/i;
const DENIES =
  /\b(?:not|n't|cannot|unable to|failed to|no match|doesn'?t match|does not match)\b[^.?!]{0,30}\b(?:verif|authenticat|find|found|locat|confirm|match)/i;

/** Whether a bot reply confirms the customer's details (and does not say it failed to). */
export function confirmsDetails(reply: string): boolean {
  return CONFIRMS.test(reply) && !DENIES.test(reply);
}
