import { describe, expect, it } from 'vitest';
import { createSnippetMarkers } from '../../../src/main/cache/snippet';

describe('snippet markers', () => {
  const { open, close, toParts } = createSnippetMarkers();

  it('splits a marked snippet into plain and matching parts', () => {
    expect(toParts(`…my ${open}parcel${close} is ${open}late${close}`)).toEqual([
      { text: '…my ', match: false },
      { text: 'parcel', match: true },
      { text: ' is ', match: false },
      { text: 'late', match: true },
    ]);
  });

  it('uses markers no fixed text can forge, different in every process', () => {
    const other = createSnippetMarkers();
    expect(other.open).not.toBe(open);
    expect(toParts('\uE000\uE001 fake [[match]] <mark>x</mark>')).toEqual([
      { text: '\uE000\uE001 fake [[match]] <mark>x</mark>', match: false },
    ]);
  });

  it('keeps the text after an opening marker that is never closed', () => {
    expect(toParts(`a ${open}b`)).toEqual([{ text: `a ${open}b`, match: false }]);
  });
});
