import type { HandoffEnvelope, Turn } from '../../shared/envelope';
import type { FieldProblem } from '../../shared/validation';

export const PLATFORMS = ['botframework', 'dialogflow-cx', 'chatwoot', 'rasa', 'botpress'] as const;
export type Platform = (typeof PLATFORMS)[number];

export type AdapterOutcome =
  /**
   * Ready for the hub to ingest. `pendingKeys` name the pending transcripts this handoff drew on:
   * the route clears them only after the hub has stored the handoff, so a failed ingest loses nothing.
   */
  | { kind: 'handoff'; envelope: HandoffEnvelope; pendingKeys?: string[] }
  /** Stored (e.g. a Chatwoot message before the handoff); nothing to ingest yet. `reply` is what the platform must get back (Botpress wants the remote user's `id`). */
  | { kind: 'recorded'; detail: string; reply?: Record<string, string> }
  /** A valid event that does not concern Warmline. */
  | { kind: 'ignored'; detail: string }
  /** Answered with 400 and these details. */
  | { kind: 'invalid'; problems: FieldProblem[] }
  /**
   * After the handoff: the customer wrote in their channel. `sourceConversationId` is the platform's
   * conversation id the handoff carried; `message.sourceMessageId` makes a retried webhook store once.
   */
  | { kind: 'customer-message'; sourceConversationId: string; message: InboundMessage }
  /** The customer left the channel (or the platform closed the conversation on its side). */
  | { kind: 'customer-left'; sourceConversationId: string; detail: string };

/** A customer's message arriving from the platform after the handoff. */
export interface InboundMessage {
  sourceMessageId: string;
  at: string;
  text: string;
  /** Files the customer sent, as the platform links them; the hub fetches and keeps them. */
  attachments?: InboundAttachment[];
  /** Who wrote it, when the platform names a customer it told the hub about before (Botpress's remote user). */
  sender?: InboundSender;
}

/** A customer the platform names with a message; it fills in a conversation that named nobody. */
export interface InboundSender {
  id: string;
  name?: string;
  email?: string;
}

export interface InboundAttachment {
  url: string;
  name?: string;
  contentType?: string;
  size?: number;
}

/**
 * Platforms that send a conversation piece by piece (Chatwoot messages, Botpress users) are
 * remembered here until the handoff arrives. Appending a turn whose id is already stored under the
 * key does nothing, so a retried webhook does not duplicate a turn. Kept in the hub's store, so any
 * replica can take the next piece.
 */
export interface PendingTranscripts {
  append(key: string, turn: Turn, meta?: Record<string, unknown>): Promise<void>;
  /** Merges `meta` into the key's meta without adding a turn (a contact or user seen before any message). */
  remember(key: string, meta: Record<string, unknown>): Promise<void>;
  read(key: string): Promise<{ turns: Turn[]; meta: Record<string, unknown> }>;
  clear(key: string): Promise<void>;
}

export interface AdapterContext {
  integrationId: string;
  now: () => Date;
  pending: PendingTranscripts;
}

export interface Adapter {
  platform: Platform;
  /** Asynchronous because some platforms' pieces wait in the store (`ctx.pending`) until their handoff. */
  translate(payload: unknown, ctx: AdapterContext): Promise<AdapterOutcome>;
}

/** An adapter whose outcome follows from the payload alone, with nothing read from the store. */
export const statelessAdapter = (platform: Platform, translate: (payload: unknown, ctx: AdapterContext) => AdapterOutcome): Adapter => ({
  platform,
  translate: async (payload, ctx) => translate(payload, ctx),
});
