const HIGH = String.raw`\\u[dD][89abAB][0-9a-fA-F]{2}`;
const LOW = String.raw`\\u[dD][c-fC-F][0-9a-fA-F]{2}`;
/**
 * In JSON text: a `\u0000` escape, or a surrogate escape without its pair, unless its backslash is
 * itself escaped (the typed text `\\u0000`). Valid JSON has neither as a raw character.
 */
const UNSTORABLE = new RegExp(String.raw`(?<!\\)((?:\\\\)*)(\\u0000|${HIGH}(?!${LOW})|(?<!(?<!\\)(?:\\\\)*${HIGH})${LOW})`, 'g');

/**
 * JSON text with every U+0000 and every unpaired surrogate in its strings as U+FFFD, the
 * replacement character. PostgreSQL can neither hold these in text nor read a JSON document that
 * holds one (a customer's NUL, a bot cutting a message mid-emoji), so a handoff keeps the same
 * visible mark on both stores instead of failing on one.
 */
export function storableJson(json: string): string {
  return json.includes('\\u') ? json.replace(UNSTORABLE, '$1\\ufffd') : json;
}
