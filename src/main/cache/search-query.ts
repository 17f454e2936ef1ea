/**
 * Turns what a user typed into an FTS5 query that means what they typed: every word is a literal
 * term (no operators, columns or syntax), "quoted text" is a phrase, and the last word is a prefix
 * while it is still being typed. Nothing a user types can make the query invalid.
 */

/** More terms than this only slows the query without narrowing it in a way anyone reads. */
const MAX_TERMS = 32;

/**
 * A trailing word shorter than this is matched exactly: "r*" or "re*" expands to most of the
 * vocabulary, and even three letters are slow over a large cache (docs/decisions/007-cache-search-index.md).
 */
const MIN_PREFIX_LENGTH = 3;

/** FTS5 reads its query as a C string: a NUL ends it mid-quote. Other control characters are noise. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

interface Term {
  text: string;
  isPhrase: boolean;
}

/** Inside double quotes FTS5 tokenises the text itself and treats nothing as syntax, once `"` is doubled. */
const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

function splitTerms(input: string): Term[] {
  const segments = input.split('"');
  // An odd number of quote marks leaves the last one unpaired: what follows it is ordinary words.
  const isUnpaired = (segments.length - 1) % 2 === 1;
  const terms: Term[] = [];
  segments.forEach((segment, index) => {
    const isInsideQuotes = index % 2 === 1 && !(isUnpaired && index === segments.length - 1);
    if (isInsideQuotes) {
      if (segment.trim() !== '') terms.push({ text: segment.trim(), isPhrase: true });
      return;
    }
    for (const word of segment.split(/\s+/u)) if (word !== '') terms.push({ text: word, isPhrase: false });
  });
  return terms;
}

/** The FTS5 MATCH expression for `input`, or null when it holds nothing to search for. */
export function toMatchExpression(input: string): string | null {
  const cleaned = input.replace(CONTROL_CHARACTERS, ' ');
  const all = splitTerms(cleaned);
  const terms = all.slice(0, MAX_TERMS);
  const last = terms.at(-1);
  if (!last) return null;
  // "refun" is still being typed; "refund " (with the space) is a finished word.
  const isTyping =
    last === all.at(-1) && !last.isPhrase && !/\s$/u.test(cleaned) && (last.text.match(/[\p{L}\p{N}]/gu) ?? []).length >= MIN_PREFIX_LENGTH;
  return terms.map((term) => quote(term.text) + (term === last && isTyping ? '*' : '')).join(' ');
}
