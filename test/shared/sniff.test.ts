import { describe, expect, it } from 'vitest';
import { DOWNLOAD_TYPE, sniffContentType } from '../../src/shared/sniff';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('sniffContentType', () => {
  it.each([
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR....'), 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['a GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'image/gif'],
    ['a GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['a PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
  ])('reads %s from its first bytes', (_name, data, type) => {
    expect(sniffContentType(data)).toBe(type);
  });

  it.each([
    ['an SVG with a script', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['an SVG behind an XML declaration', bytes('<?xml version="1.0"?><svg onload="alert(1)"/>')],
    ['an HTML page', bytes('<!doctype html><script>alert(1)</script>')],
    ['plain text', bytes('order 555, damaged on arrival')],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['a PNG signature cut short', bytes([0x89, 0x50, 0x4e, 0x47])],
    ['nothing at all', bytes()],
  ])('offers %s only as a download', (_name, data) => {
    expect(sniffContentType(data)).toBe(DOWNLOAD_TYPE);
  });

  it('goes by the bytes, whatever the HTML inside a real PNG header says', () => {
    expect(sniffContentType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], '<script>alert(1)</script>'))).toBe('image/png');
  });
});
