/**
 * Recognises a bot turn that admits it could not handle the customer's last message: the
 * fallback, out-of-scope and cannot-verify replies every bot platform ships in some wording.
 */

const FALLBACKS: readonly RegExp[] = [
  /\b(?:didn'?t|did not|don'?t|do not|couldn'?t|could not|can'?t|cannot|not sure I|still learning to|having trouble|trouble)\s+(?:quite\s+|fully\s+|really\s+)?(?:understand|understanding|get that|get what|catch that|catch what|follow)/i,
  /\bnot sure (?:what you mean|I (?:can help|understand|follow)|how to help)/i,
  // "Can you repeat your arrival time?" is a question about a value, not a fallback
  /\b(?:can|could|would) you (?:please\s+)?(?:rephrase|reword|repeat (?:that|yourself|what you|the question|please)|repeat\s*[?.!]|say (?:that|it) (?:again|differently|another way)|try (?:again|asking))/i,
  /\b(?:please\s+)?(?:rephrase|reword)\b/i,
  /\b(?:I(?:'m| am)|I'?m) (?:only able|only programmed|not able to help|unable to help|not programmed|afraid I can(?:'?t|not) help)/i,
  /\bI can only (?:help|assist)\b/i,
  /\b(?:out of|outside(?: of)?) (?:my )?(?:scope|what I can)/i,
  /\bI (?:can(?:'?t|not)|am unable to|couldn'?t|could not) (?:help (?:you )?with (?:that|this)|authenticate|verify (?:you|your identity)|find (?:an? )?answer|process (?:that|this) request)/i,
  /\b(?:sorry|apologies)[, ]+(?:I|that)\b[^.?!]{0,40}\b(?:didn'?t|don'?t|not) (?:understand|recogni[sz]e|know)/i,
  /\bI don'?t (?:have|know) (?:an? )?(?:answer|information) (?:to|for|about) that\b/i,
  /\bI(?:'m| am) (?:sorry|afraid),? (?:but )?I (?:don'?t|do not) know\b/i,
];

/** Whether one bot message is a fallback: the bot saying it could not handle the last turn. */
export function isFallback(text: string): boolean {
  return FALLBACKS.some((pattern) => pattern.test(text));
}

const TRANSFER =
  /\b(?:transferr?(?:ing)?|connect(?:ing)?|pass(?:ing)?|hand(?:ing)? (?:you )?over|put(?:ting)? you through|escalat(?:e|ing))\b[^.?!]{0,30}\b(?:agent|advisor|adviser|specialist|colleague|human|person|team|representative|someone)\b/i;

/** Whether one bot message announces it is handing the customer to a person. */
export function announcesTransfer(text: string): boolean {
  return TRANSFER.test(text);
}
