/** URLs in a turn's text, for the explicit "Open link" buttons; the text itself stays inert. */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

export function linksIn(text: string, max = 5): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    if (url.length <= 2000 && !found.includes(url)) found.push(url);
    if (found.length === max) break;
  }
  return found;
}
