import { straightQuotes } from '../../shared/text/normalize';

/** Words of a message with their positions, and the forgiving comparison customers' typing needs. */

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

// Letters and digits, joined by inner hyphens or apostrophes ("o'neil", "bk-2031"); '#' on its own.
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|#/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    tokens.push({ text: match[0], lower: straightQuotes(match[0].toLowerCase()), start, end: start + match[0].length });
  }
  return tokens;
}

/**
 * Whether `word` is `target` or one slip away from it ("acount", "ordr", "nmber"): one letter
 * added, dropped, changed or two swapped. Short words must match exactly, and the first letter
 * must agree, so "border" is not "order".
 */
export function isNear(word: string, target: string): boolean {
  if (word === target) return true;
  if (target.length < 5 || word[0] !== target[0]) return false;
  if (Math.abs(word.length - target.length) > 1) return false;
  return withinOneEdit(word, target);
}

function withinOneEdit(a: string, b: string): boolean {
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length <= 1) return true;
    const [i, j] = diffs as [number, number];
    return diffs.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
