import type { AddressInfo } from 'node:net';
import { ATTACHMENT_LIMITS, type Attachment, type HandoffEnvelope } from '../../shared/envelope';
import type { InboundAttachment } from '../adapters/types';
import { ServiceError } from '../services/conversation-kernel';
import type { HubDatabase } from '../store/database';
import { createAttachmentStore, refOf } from './attachment-store';
import { hasAttachments, keepInboundFiles, resolveEnvelopeFiles, type IntakeDeps } from './intake';
import { createSignedLinks } from './signed-links';

export { registerAttachmentRoutes } from './attachment-routes';

/** The hub's own URL from the address it listens on; a wildcard address is reached on loopback. */
export function listeningUrl(address: AddressInfo | string | null): string {
  if (!address || typeof address === 'string') return 'http://127.0.0.1/';
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${address.family === 'IPv6' && host !== '127.0.0.1' ? `[${host}]` : host}:${address.port}/`;
}

export interface AttachmentOptions {
  /** The largest file kept (default ATTACHMENT_LIMITS.maxBytes). */
  maxBytes?: number;
  /** How long fetching one linked file may take (default 20 s). */
  fetchTimeoutMs?: number;
  /** Hosts whose files may come from private or loopback addresses (see RemoteFetchOptions). */
  trustedHosts?: readonly string[];
  /** The hosts an integration's own channel is configured with, trusted for that integration's files. */
  trustedHostsOf?(integrationId: string): Promise<readonly string[]>;
  /** Where a failed sweep of unlinked files is reported (default: the console). */
  onError?(error: unknown): void;
}

/** The hosts of every URL among a channel's settings and its callback URL: where the admin said the platform lives. */
export function channelHosts(channel: { settings: Record<string, unknown>; callbackUrl: string | null } | null): string[] {
  if (!channel) return [];
  const hosts = [...Object.values(channel.settings), channel.callbackUrl].flatMap((value) => {
    if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return [];
    try {
      return [new URL(value).hostname.replace(/^\[|\]$/g, '')];
    } catch {
      return [];
    }
  });
  return [...new Set(hosts)];
}

/** How often files fetched for a handoff that was never stored are swept, and how old they must be. */
const SWEEP_EVERY_MS = 10 * 60_000;
const UNLINKED_GRACE_MS = 60 * 60_000;

/**
 * Files customers and agents send: kept in the hub's store, fetched from platforms' links with
 * SSRF care, served to those who may see the conversation, and linked to platforms by signed URLs.
 */
export async function createAttachments(db: HubDatabase, now: () => Date, baseUrl: () => string, options: AttachmentOptions = {}) {
  const store = createAttachmentStore(db);
  const maxBytes = options.maxBytes ?? ATTACHMENT_LIMITS.maxBytes;
  const intake: IntakeDeps = {
    store,
    now,
    fetch: { maxBytes, timeoutMs: options.fetchTimeoutMs ?? 20_000, trustedHosts: options.trustedHosts ?? [] },
    ...(options.trustedHostsOf ? { trustedHostsOf: options.trustedHostsOf } : {}),
  };
  const links = createSignedLinks(await store.secret('attachment-links'), baseUrl);
  const report = options.onError ?? ((error: unknown) => console.error(`attachment sweep: ${String(error)}`));
  // Any replica may sweep: the delete takes only rows no conversation holds and that are old enough.
  const sweep = setInterval(() => void store.sweepUnlinked(new Date(now().getTime() - UNLINKED_GRACE_MS)).catch(report), SWEEP_EVERY_MS);
  sweep.unref();

  return {
    store,
    links,
    maxBytes,

    /**
     * A handoff with its linked files fetched first (a retried handoff fetches nothing), then
     * stored by `ingest`; the files join the conversation in the same transaction.
     */
    async ingestWithFiles<T extends { created: boolean; conversationId: string }>(
      envelope: HandoffEnvelope,
      integrationId: string,
      isKnown: boolean,
      ingest: (envelope: HandoffEnvelope) => Promise<T>,
    ): Promise<T> {
      if (isKnown || !hasAttachments(envelope)) return ingest(envelope);
      // Fetched before the write: the write holds the floor's writer lock, a fetch can take seconds.
      const resolved = await resolveEnvelopeFiles(envelope, integrationId, intake);
      const result = await db.write(async () => {
        const outcome = await ingest(resolved.envelope);
        if (outcome.created) await store.link(resolved.storedIds, outcome.conversationId);
        return outcome;
      });
      if (!result.created) await store.discard(resolved.storedIds);
      return result;
    },

    /** A customer's files after the handoff (the connectors' inbound path); `null`: not linked until `store.link`. */
    keepInbound: (inputs: readonly InboundAttachment[], conversationId: string | null, integrationId: string): Promise<Attachment[]> =>
      keepInboundFiles(inputs, conversationId, integrationId, intake),

    /** The refs of files `userId` uploaded to this conversation, to send with their message. */
    async forReply(userId: string, conversationId: string, ids: readonly string[]): Promise<Attachment[]> {
      const refs: Attachment[] = [];
      for (const id of ids) {
        const file = await store.meta(id);
        if (!file || file.conversationId !== conversationId || file.uploadedBy !== userId) {
          throw new ServiceError('invalid_request', `No file ${id} was uploaded by you to this conversation.`);
        }
        refs.push(refOf(file));
      }
      return refs;
    },

    stop(): void {
      clearInterval(sweep);
    },
  };
}

export type Attachments = Awaited<ReturnType<typeof createAttachments>>;
