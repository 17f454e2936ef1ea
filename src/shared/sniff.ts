/**
 * The content type of a file, read from its first bytes against an allowlist; never the sender's
 * claim. Patterns are those of the WHATWG MIME Sniffing Standard (§6.1 image type patterns, §7.1
 * for PDF). Anything else, SVG and HTML included, is `application/octet-stream`: a download.
 */
export const DOWNLOAD_TYPE = 'application/octet-stream';

interface Signature {
  type: string;
  /** Bytes to match from offset 0; null matches any byte (the RIFF chunk size). */
  pattern: readonly (number | null)[];
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { type: 'image/png', pattern: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', pattern: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', pattern: ascii('GIF87a') },
  { type: 'image/gif', pattern: ascii('GIF89a') },
  { type: 'image/webp', pattern: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBPVP')] },
  { type: 'application/pdf', pattern: ascii('%PDF-') },
];

/** How many leading bytes `sniffContentType` needs at most. */
export const SNIFF_BYTES = Math.max(...SIGNATURES.map((signature) => signature.pattern.length));

export function sniffContentType(bytes: Uint8Array): string {
  const match = SIGNATURES.find(
    ({ pattern }) => bytes.length >= pattern.length && pattern.every((byte, index) => byte === null || bytes[index] === byte),
  );
  return match?.type ?? DOWNLOAD_TYPE;
}
