import { randomBytes } from 'node:crypto';

/** A piece of a search snippet; the UI renders `text` as text and emphasises it when `match`. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * Markers FTS5's snippet() wraps around matches. Customer text can contain any fixed marker, so
 * these carry a random nonce per process: text cannot forge a highlight it cannot predict.
 */
export function createSnippetMarkers() {
  const nonce = randomBytes(8).toString('hex');
  const open = `\uE000${nonce}\uE001`;
  const close = `\uE002${nonce}\uE003`;

  const toParts = (marked: string): SnippetPart[] => {
    const parts: SnippetPart[] = [];
    const push = (text: string, match: boolean) => {
      if (text === '') return;
      const previous = parts.at(-1);
      if (previous && previous.match === match) previous.text += text;
      else parts.push({ text, match });
    };
    marked.split(open).forEach((chunk, index) => {
      if (index === 0) return push(chunk, false);
      const [matched = '', ...rest] = chunk.split(close);
      push(matched, true);
      push(rest.join(close), false);
    });
    return parts;
  };

  return { open, close, toParts };
}
