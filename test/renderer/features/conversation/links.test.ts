import { describe, expect, it } from 'vitest';
import { linksIn } from '../../../../src/renderer/features/conversation/links';

describe('links in a turn', () => {
  it('finds http and https links without the punctuation that ends the sentence', () => {
    expect(linksIn('See https://help.example.com/returns?id=5. Or (http://x.example/a), thanks!')).toEqual([
      'https://help.example.com/returns?id=5',
      'http://x.example/a',
    ]);
  });

  it('ignores javascript:, data: and file: URLs: they never get an Open link button', () => {
    expect(linksIn('javascript:alert(1) data:text/html,<script> file:///etc/passwd')).toEqual([]);
  });

  it('stops at markup characters and lists a repeated link once, at most five', () => {
    expect(linksIn('<a href="https://evil.example/x">https://evil.example/x</a>')).toEqual(['https://evil.example/x']);
    const many = Array.from({ length: 9 }, (_, i) => `https://e.example/${i}`).join(' ');
    expect(linksIn(many)).toHaveLength(5);
  });
});
