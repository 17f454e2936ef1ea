import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BotCallback, CallbackAttachment } from '../../shared/protocol';
import type { Attachment } from '../../shared/envelope';

/** Path of the route platforms fetch outgoing files from, without a session. */
export const LINK_PATH = '/v1/attachment-links';

/** How long a link sent to a platform works: long enough for its retries, short enough to leak little. */
export const LINK_TTL_MS = 15 * 60_000;

export interface SignedLinks {
  /** An absolute URL for the file, valid for LINK_TTL_MS from `now`. */
  urlFor(id: string, now: Date): string;
  /** Whether a link's `expires` and `signature` are this hub's and still valid. */
  verify(id: string, expires: string | undefined, signature: string | undefined, now: Date): boolean;
  /** The files of an outgoing message as a platform receives them; problems are left out. */
  callbackAttachments(attachments: readonly Attachment[] | undefined, now: Date): CallbackAttachment[];
  /** A message's files with links signed now: each delivery attempt gets links that still work. */
  freshen(callback: BotCallback, now: Date): BotCallback;
}

/** Where a file of an outgoing message is, before a delivery signs the link (see `freshen`). */
export const unsignedLink = (id: string): string => `${LINK_PATH}/${encodeURIComponent(id)}`;

/** The refs of a message as a callback carries them until delivery signs their links. */
export const callbackFiles = (attachments: readonly Attachment[] | undefined): CallbackAttachment[] =>
  (attachments ?? []).flatMap((attachment) =>
    attachment.id && attachment.name !== undefined && attachment.contentType && attachment.size !== undefined
      ? [{ id: attachment.id, name: attachment.name, contentType: attachment.contentType, size: attachment.size, url: unsignedLink(attachment.id) }]
      : [],
  );

/**
 * HMAC-SHA256 over the id and expiry with a secret kept in the store, so every replica signs and
 * checks alike. `baseUrl` is how platforms reach this hub (`--public-url`), read when a link is made.
 */
export function createSignedLinks(secret: Buffer, baseUrl: () => string): SignedLinks {
  const sign = (id: string, expires: string) => createHmac('sha256', secret).update(`${id}\n${expires}`).digest('base64url');
  const urlFor = (id: string, now: Date) => {
    const expires = String(Math.floor((now.getTime() + LINK_TTL_MS) / 1000));
    const url = new URL(unsignedLink(id), baseUrl());
    url.searchParams.set('expires', expires);
    url.searchParams.set('signature', sign(id, expires));
    return url.toString();
  };
  return {
    urlFor,
    verify(id, expires, signature, now) {
      if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return false;
      if (Number(expires) * 1000 <= now.getTime()) return false;
      const expected = Buffer.from(sign(id, expires));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    callbackAttachments(attachments, now) {
      return callbackFiles(attachments).map((file) => ({ ...file, url: urlFor(file.id, now) }));
    },
    freshen(callback, now) {
      if (callback.type !== 'message' || !callback.attachments?.length) return callback;
      return { ...callback, attachments: callback.attachments.map((file) => ({ ...file, url: urlFor(file.id, now) })) };
    },
  };
}
