import { describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../src/hub/attachments/attachment-store';
import { fileHeaders, safeFileName } from '../../../src/hub/attachments/file-response';

const file = (name: string, contentType: string): StoredFile => ({ id: 'a_1', conversationId: 'c_1', uploadedBy: null, name, contentType, size: 10, createdAt: '2026-11-20T10:00:00Z' });

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\maria\\photo.jpg', 'photo.jpg'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['line\nbreak\u0000.png', 'linebreak.png'],
    ['..', 'attachment'],
    ['', 'attachment'],
    [undefined, 'attachment'],
  ])('makes %j harmless as %j', (given, expected) => {
    expect(safeFileName(given)).toBe(expected);
  });

  it('bounds a long name', () => {
    expect(safeFileName('a'.repeat(1000))).toHaveLength(255);
  });
});

describe('fileHeaders', () => {
  it('shows only the raster types inline; PDF and everything else are attachments', () => {
    expect(fileHeaders(file('p.png', 'image/png'), 'staff')).toMatchObject({ 'content-type': 'image/png', 'content-disposition': 'inline; filename=p.png' });
    expect(fileHeaders(file('l.pdf', 'application/pdf'), 'staff')).toMatchObject({ 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename=l.pdf' });
    expect(fileHeaders(file('x.svg', 'image/svg+xml'), 'staff')).toMatchObject({ 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename=x.svg' });
  });

  it('always forbids sniffing and sandboxes the response; only a platform link may be read cross-origin', () => {
    for (const audience of ['staff', 'platform'] as const) {
      expect(fileHeaders(file('p.png', 'image/png'), audience)).toMatchObject({
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
        'cache-control': 'private, no-store',
      });
    }
    expect(fileHeaders(file('p.png', 'image/png'), 'staff')['cross-origin-resource-policy']).toBe('same-origin');
    expect(fileHeaders(file('p.png', 'image/png'), 'platform')['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('spells a name outside ASCII the RFC 8187 way with an ASCII fallback', () => {
    expect(fileHeaders(file('reçu café.pdf', 'application/pdf'), 'staff')['content-disposition']).toBe(
      'attachment; filename="re?u caf?.pdf"; filename*=UTF-8\'\'re%C3%A7u%20caf%C3%A9.pdf',
    );
  });
});
