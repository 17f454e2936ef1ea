import { randomBytes } from 'node:crypto';
import type { SnippetPart } from '../../shared/ipc';

export type { SnippetPart };

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
    let from = 0;
    while (from < marked.length) {
      const start = marked.indexOf(open, from);
      if (start === -1) break;
      const end = marked.indexOf(close, start + open.length);
      if (end === -1) break;
      if (start > from) parts.push({ text: marked.slice(from, start), match: false });
      if (end > start + open.length) parts.push({ text: marked.slice(start + open.length, end), match: true });
      from = end + close.length;
    }
    if (from < marked.length) parts.push({ text: marked.slice(from), match: false });
    return parts;
  };

  return { open, close, toParts };
}
