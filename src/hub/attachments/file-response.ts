import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { ATTACHMENT_LIMITS, isInlineImageType } from '../../shared/envelope';
import type { StoredFile } from './attachment-store';

/**
 * A file as a customer or an agent named it, made harmless as a name: no path, no control or
 * bidirectional-override characters (which can make "photo‮gpj.exe" read as "photoexe.jpg"), bounded.
 */
export function safeFileName(name: string | undefined, fallback = 'attachment'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const bounded = cleaned.slice(0, ATTACHMENT_LIMITS.maxName);
  return bounded === '' || bounded === '.' || bounded === '..' ? fallback : bounded;
}

/**
 * Headers every served file gets. Only the safe raster types keep their type and may be shown
 * inline; everything else is `application/octet-stream` with `attachment`, so no browser renders
 * it. `nosniff` stops a browser from guessing otherwise; the sandboxing CSP means that even a file
 * opened directly runs no script and reaches nothing.
 */
export function fileHeaders(file: StoredFile, audience: 'staff' | 'platform'): Record<string, string> {
  const isInline = isInlineImageType(file.contentType);
  const type = isInline || file.contentType === 'application/pdf' ? file.contentType : 'application/octet-stream';
  return {
    'content-type': type,
    'content-length': String(file.size),
    'content-disposition': contentDisposition(file.name, { type: isInline ? 'inline' : 'attachment' }),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
    'cache-control': 'private, no-store',
    // A platform's web chat may show an outgoing image straight from its link; staff files stay on the hub's origin.
    'cross-origin-resource-policy': audience === 'platform' ? 'cross-origin' : 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

export function sendFile(reply: FastifyReply, file: StoredFile, data: Buffer, audience: 'staff' | 'platform'): FastifyReply {
  return reply.code(200).headers(fileHeaders(file, audience)).send(data);
}
