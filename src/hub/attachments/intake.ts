import type { InboundAttachment } from '../adapters/types';
import { ATTACHMENT_LIMITS, type Attachment, type HandoffEnvelope } from '../../shared/envelope';
import { refOf, type AttachmentStore } from './attachment-store';
import { safeFileName } from './file-response';
import { fetchRemoteFile, type RemoteFetchOptions } from './remote-fetch';
import { sniffContentType } from '../../shared/sniff';

/** How many files one handoff may bring; past it, files are listed with a problem and not fetched. */
export const MAX_FILES_PER_HANDOFF = 50;
const PARALLEL_FETCHES = 4;

export interface IntakeDeps {
  store: AttachmentStore;
  now(): Date;
  fetch: RemoteFetchOptions;
  /** Hosts an integration itself is configured with (its platform's base URL): trusted for its files. */
  trustedHostsOf?(integrationId: string): Promise<readonly string[]>;
}

type Linked = { input: Attachment | InboundAttachment; ref: Attachment; storedId: string | null };

const nameFromUrl = (url: string | undefined): string | undefined => {
  try {
    return url ? decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Fetches one linked file and keeps it, typed by its bytes. A file that cannot be kept becomes a
 * ref with its name and a `problem`, so the agent still sees that the customer sent something.
 */
async function keepOne(input: Attachment | InboundAttachment, conversationId: string | null, integrationId: string, deps: IntakeDeps): Promise<Linked> {
  const name = safeFileName(input.name ?? nameFromUrl(input.url));
  const declined = (problem: Attachment['problem']): Linked => ({
    input,
    ref: { name, ...(input.size === undefined ? {} : { size: input.size }), problem },
    storedId: null,
  });
  if (!input.url) return declined('unreachable');
  if (input.size !== undefined && input.size > deps.fetch.maxBytes) return declined('too_large');
  const trustedHosts = [...(deps.fetch.trustedHosts ?? []), ...((await deps.trustedHostsOf?.(integrationId)) ?? [])];
  const fetched = await fetchRemoteFile(input.url, { ...deps.fetch, trustedHosts });
  if (!fetched.ok) return declined(fetched.problem);
  const file = await deps.store.insert({
    conversationId,
    integrationId,
    name,
    contentType: sniffContentType(fetched.data),
    data: fetched.data,
    createdAt: deps.now().toISOString(),
  });
  return { input, ref: refOf(file), storedId: file.id };
}

async function keepAll(inputs: (Attachment | InboundAttachment)[], conversationId: string | null, integrationId: string, deps: IntakeDeps): Promise<Linked[]> {
  const results: Linked[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await keepOne(inputs[index]!, conversationId, integrationId, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_FETCHES, inputs.length) }, worker));
  return results;
}

export const hasAttachments = (envelope: HandoffEnvelope): boolean => envelope.transcript.some((turn) => (turn.attachments?.length ?? 0) > 0);

/**
 * The envelope with every linked file fetched and replaced by the hub's ref (or a problem), and the
 * ids of the files kept, which belong to no conversation until the handoff is stored.
 */
export async function resolveEnvelopeFiles(
  envelope: HandoffEnvelope,
  integrationId: string,
  deps: IntakeDeps,
): Promise<{ envelope: HandoffEnvelope; storedIds: string[] }> {
  const inputs = envelope.transcript.flatMap((turn) => turn.attachments ?? []);
  const fetched = await keepAll(inputs.slice(0, MAX_FILES_PER_HANDOFF), null, integrationId, deps);
  const byInput = new Map<Attachment | InboundAttachment, Attachment>(fetched.map((linked) => [linked.input, linked.ref]));
  const transcript = envelope.transcript.map((turn) =>
    turn.attachments
      ? {
          ...turn,
          attachments: turn.attachments.map(
            (input) => byInput.get(input) ?? { name: safeFileName(input.name ?? nameFromUrl(input.url)), problem: 'refused' as const },
          ),
        }
      : turn,
  );
  return { envelope: { ...envelope, transcript }, storedIds: fetched.flatMap((linked) => (linked.storedId ? [linked.storedId] : [])) };
}

/**
 * A customer's files sent after the handoff, kept under their conversation at once; with no
 * conversation yet (the message reopens a closed one) they wait unlinked until it is stored.
 */
export async function keepInboundFiles(
  inputs: readonly InboundAttachment[],
  conversationId: string | null,
  integrationId: string,
  deps: IntakeDeps,
): Promise<Attachment[]> {
  const linked = await keepAll(inputs.slice(0, ATTACHMENT_LIMITS.maxPerTurn), conversationId, integrationId, deps);
  return linked.map((item) => item.ref);
}
