import { straightQuotes } from '../../shared/text/normalize';

/**
 * Finds the customer's own name. People say "my name is Jane Doe", "this is Maria", "I'm Brian
 * White", or just "Jane Doe" when asked; they also say "I'm angry", "this is ridiculous" and
 * "I'm Looking for...", so the weaker cues need a capitalised word that is not a common word.
 */

// Words that follow "I'm" / "this is" / a name answer and are not names (checked in lower case).
const NOT_NAMES = new Set(
  `a an the i me my mine you your we our he she it they them this that these those here there
  not no yes yeah yep ok okay sure so very just still also really quite too only even already
  new good fine great well glad happy sad angry upset mad furious annoyed frustrated tired sick
  sorry afraid unable able interested looking trying calling writing waiting having going getting
  staying travelling traveling planning hoping wondering thinking wanting needing asking contacting
  confused lost stuck locked done ready back home away out in at on from with for about to of by
  urgent ridiculous unacceptable terrible awful crazy insane absurd outrageous serious important
  what who why how when where which hi hello hey thanks thank please help fraud report account
  order booking reservation dr mr mrs ms miss sir madam customer user guest member calling it's its
  don't dont can't cant cannot won't wont isn't wasn't didn't doesn't i'm im is was are be been
  pin password number email phone date birth today tomorrow yesterday now later soon
  and or but because then who which whose that than if as
  that's let's there's what's here's where's who's it's i've i'd i'll you're we're they're
  uh um umm oh ah er erm hmm well yeah hey okay actually honestly basically
  monday tuesday wednesday thursday friday saturday sunday`.split(/\s+/),
);

const NAME_WORD = /^\p{L}[\p{L}'’-]{0,29}$/u;
const MAX_NAME_WORDS = 4;

/** Reads up to four name-like words starting at `text`'s beginning; undefined if none. */
export function leadingName(text: string, options: { requireCapital: boolean }): string | undefined {
  const words: string[] = [];
  for (const raw of text.split(/\s+/)) {
    const word = raw.replace(/[.,;:!?)"”]+$/u, '');
    const endsPhrase = word !== raw;
    if (!NAME_WORD.test(word) || NOT_NAMES.has(word.toLowerCase())) break;
    if (options.requireCapital && !isCapitalised(word)) break;
    words.push(word);
    if (endsPhrase || words.length === MAX_NAME_WORDS) break;
  }
  if (words.length === 0) return undefined;
  return words.join(' ');
}

function isCapitalised(word: string): boolean {
  const first = word[0] ?? '';
  return first !== first.toLowerCase() && word.slice(1) !== word.slice(1).toUpperCase() || /^\p{Lu}$/u.test(word);
}

// "my name is" (and its slip "may name is"), "my full name is", "name's", "name: ", "you can call me"
const STRONG_CUE =
  /\b(?:ma?y\s+(?:full\s+|first\s+)?name\s+is|my\s+name's|(?:^|[.!?]\s*)name\s*:?|my\s+(?:full\s+)?name\s*:|i\s+am\s+called|you\s+can\s+call\s+me)\s+/gi;
// "Angela is my name"
const NAME_FIRST = /(?:^|[.!?,;]\s*)(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)\s+is\s+my\s+(?:full\s+)?name\b/u;
// "this is Maria" and "I'm Brian" only at a sentence start or after a greeting or "yes"
const WEAK_CUE = /(?:^|[.!?,;]\s*|\b(?:hi|hello|hey|hiya|yes|yeah|ok|okay|well)\b[\s,!]*)(?:this\s+is|i\s*'?\s*m|i\s+am)\s+/gi;

/**
 * A name the customer gives unprompted, or undefined. The earliest cue wins, so "I'm Mark. My
 * friends call me Marko." gives "Mark".
 */
export function statedName(typed: string): string | undefined {
  const text = straightQuotes(typed);
  const found: { index: number; name: string }[] = [];
  for (const cue of text.matchAll(STRONG_CUE)) {
    const name = leadingName(text.slice((cue.index ?? 0) + cue[0].length), { requireCapital: false });
    if (name) found.push({ index: cue.index ?? 0, name });
  }
  for (const cue of text.matchAll(WEAK_CUE)) {
    const after = text.slice((cue.index ?? 0) + cue[0].length);
    const name = leadingName(after, { requireCapital: true });
    if (name && !/^\s*(?:and|who|from|with)?\s*(?:is|are|was|will|would|have|has|am)\b/i.test(after.slice(name.length))) {
      found.push({ index: cue.index ?? 0, name });
    }
  }
  const nameFirst = NAME_FIRST.exec(text);
  if (nameFirst?.[1] && !NOT_NAMES.has(nameFirst[1].toLowerCase())) found.push({ index: nameFirst.index, name: nameFirst[1] });
  return found.sort((a, b) => a.index - b.index)[0]?.name;
}

const ANSWER_PREFIX =
  /^(?:(?:sure|yes|yeah|yep|ok(?:ay)?|hi|hello|of course|certainly|oh|uh|um+|er+m?|well|hmm+|sorry|it'?s me|i think)[\s,.!]+)*((?:it'?s|its|it\s+is|my\s+(?:full\s+)?name\s+is|name\s+is|i'?m|i\s+am|this\s+is)\s+)?/i;

/**
 * The name in a reply to the bot asking for it ("Jane Doe", "it's jane", "Uh, it's me, John.").
 * Later sentences count only with their own cue ("Come on. It's John." gives "John").
 */
export function answeredName(typed: string): string | undefined {
  const reply = straightQuotes(typed);
  const stated = statedName(reply);
  if (stated) return stated;
  const sentences = reply.split(/(?<=[.!?])\s+/).slice(0, 4);
  for (const [index, sentence] of sentences.entries()) {
    const prefix = ANSWER_PREFIX.exec(sentence);
    if (index > 0 && !prefix?.[1]) continue;
    const body = sentence.slice(prefix?.[0].length ?? 0);
    const name = leadingName(body, { requireCapital: index > 0 });
    if (!name) continue;
    // A lower-case answer is only a name when it is the whole reply ("john", "jane doe").
    const rest = body.slice(name.length).replace(/^[\s.,!]+/, '');
    if (name === name.toLowerCase() && rest.length > 0 && !/^(?:my|and|,)/i.test(rest)) continue;
    return name;
  }
  return undefined;
}
