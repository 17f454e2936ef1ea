/**
 * Small, linear-time text helpers shared by the hub's enrichment and the renderer's composer.
 * Customers type anything, so every helper here accepts any string and never throws.
 */

/** Collapses runs of whitespace (including newlines) into single spaces and trims. */
export function squashSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The digits of a string, in order ("(977) 625-2661" → "9776252661"). */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** Lower-case letters and digits only, single-spaced: the form used to compare two messages. */
export function comparable(text: string): string {
  return squashSpace(text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' '));
}

/**
 * Shortens text to at most `max` characters, cutting at a word boundary where one is near and
 * marking the cut with an ellipsis. Code points are kept whole, so emoji are never split in half.
 */
export function truncate(text: string, max: number): string {
  const clean = squashSpace(text);
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  const head = chars.slice(0, Math.max(0, max - 1)).join('');
  const lastSpace = head.lastIndexOf(' ');
  const cut = lastSpace >= head.length * 0.6 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s,;:.!?-]+$/u, '')}…`;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whole-word, case-insensitive test that `needle` occurs in `haystack`. */
export function containsWord(haystack: string, needle: string): boolean {
  const trimmed = needle.trim();
  if (!trimmed) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, 'iu').test(haystack);
}

/**
 * Whether the digit sequence `digits` appears in `text` as one number, allowing the spaces,
 * dashes and dots people put inside long numbers ("5551 2345" matches "55512345").
 */
export function containsDigits(text: string, digits: string): boolean {
  if (!digits) return false;
  for (const run of text.match(/\d[\d\s.-]*\d|\d/g) ?? []) {
    if (digitsOf(run) === digits) return true;
    // A run may hold two numbers separated by a space ("order 555 on 12.03"); test each part too.
    if (run.split(/\s+/).some((part) => digitsOf(part) === digits)) return true;
  }
  return false;
}

/** Typographic apostrophes (phones insert them) as the plain one, so "it’s" reads as "it's". */
export function straightQuotes(text: string): string {
  return text.replace(/[’‘ʼ`]/g, "'");
}
