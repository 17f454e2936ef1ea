/**
 * Recognises a customer asking for a human. Customers say it in many ways ("agent", "real person
 * please", "let me talk to someone", "AGENT!!!", "hablar con un agente"); they also use the same
 * words for other things ("someone stole my card", "is there any way someone could help"), so
 * "someone" only counts after a verb of speaking, and a bare word only counts as the whole message.
 */

const HUMAN = String.raw`(?:(?:a|an|the|some|real|actual|live|human|proper|your)\s+){0,3}(?:human(?: being)?|person|people|agent|representative|rep|operator|advisor|adviser|consultant|staff(?: member)?|manager|supervisor|employee|somebody|someone|anyone|anybody|customer (?:service|support|care)(?: (?:agent|rep|representative))?)`;
const SPEAK = String.raw`(?:speak|talk|chat|connect|transfer|put|pass|escalate|get|switch|hand|need|want|like|give|reach)`;

const PATTERNS: readonly RegExp[] = [
  // "let me talk to a person", "can I speak with someone", "connect me to an agent", "transfer me to a human"
  new RegExp(String.raw`\b${SPEAK}(?:ing)?\s+(?:me\s+)?(?:(?:to|with|through to|over to)\s+)${HUMAN}\b`, 'i'),
  // "I want a human", "get me an agent", "I need a real person", "give me a representative"
  new RegExp(
    String.raw`\b(?:want|need|get|give|like|request|prefer|demand)\s+(?:me\s+)?(?:to have\s+)?(?:a|an|the|some)\s+(?:real\s+|live\s+|actual\s+|human\s+)?(?:human|person|agent|representative|rep|operator|supervisor|manager)\b`,
    'i',
  ),
  // "real person", "live agent", "human agent" anywhere: nobody says these about anything else
  /\b(?:real|live|actual|human)\s+(?:person|people|agent|human|operator|representative|rep)\b/i,
  // "is there a human", "are there any agents available"
  /\b(?:is there|are there|any)\s+(?:a\s+|an\s+|any\s+)?(?:human|real person|agent|agents|operator|representative)s?\s+(?:there|available|around|i can)\b/i,
  // A few other languages agents meet in European and American contact centres
  /\b(?:hablar|comunicar(?:me)?|hable)\s+con\s+(?:un|una|el|la|alg[uú]n)?\s*(?:agente|persona|humano|representante|operador|asesor)/i,
  /\bquiero\s+(?:un|una)\s+(?:agente|persona|humano|representante|operador|asesor)/i,
  /\bparler\s+(?:à|a|avec)\s+(?:un|une|quelqu'un|un\s+vrai)?\s*(?:agent|conseill[eè]re?|humain|personne|op[ée]rateur)/i,
  /\b(?:mit\s+)?(?:einem|einer)\s+(?:echten\s+)?(?:menschen|mitarbeiter(?:in)?|agenten|berater(?:in)?)\s+sprechen/i,
  /\bfalar\s+com\s+(?:um|uma|o|a)?\s*(?:atendente|humano|agente|pessoa|operador)/i,
  /\bparlare\s+con\s+(?:un|una)?\s*(?:operatore|persona|umano|agente)/i,
];

// The whole message is the demand: "agent", "Human please", "AGENT!!!", "representative now".
const BARE =
  /^(?:(?:an?|the|real|live|human|get|me|please|pls|plz|now|i want|want|need|i need|talk to|speak to)\s+)*(?:human|agent|person|representative|rep|operator|customer service|supervisor|manager)s?(?:\s+(?:please|pls|plz|now|asap|already))*[\s.!?]*$/i;

const NEGATED = /\b(?:don'?t|do not|dont|no need to|not|never|without)\s+(?:\w+\s+){0,3}$/i;

/** Whether one customer message asks to be put through to a human. */
export function asksForHuman(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0) return false;
  // "USELESS BOT. AGENT!!!": a sentence of its own that is only the demand counts too.
  const sentences = trimmed.length <= 400 ? trimmed.split(/(?<=[.!?])\s+/) : [];
  if ([trimmed, ...sentences].some((part) => part.length <= 60 && BARE.test(part))) return true;
  for (const pattern of PATTERNS) {
    const match = pattern.exec(trimmed);
    if (match && !NEGATED.test(trimmed.slice(Math.max(0, match.index - 40), match.index))) return true;
  }
  return false;
}
