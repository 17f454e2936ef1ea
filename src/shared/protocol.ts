import { z } from 'zod';
import type { ErrorCode } from './errors';
import {
  DECLINE_REASONS,
  DISPOSITIONS,
  type AgentStatus,
  type ConversationState,
  type ConversationView,
  type Disposition,
  type Flag,
  type Message,
  type MessageDelivery,
  type Offer,
  type Owner,
  type StepInMode,
  type TransferNote,
  type User,
} from './conversation';
import { ATTACHMENT_LIMITS, attachmentSchema, type HandoffEnvelope, type Sentiment } from './envelope';

/**
 * Hub wire protocol, v1: JSON over WebSocket. Every message is a discriminated union on `type`
 * and carries `v`. The stream is one-way after `hello`; actions go over HTTP so that each has a
 * status code and an idempotency key.
 */
export const PROTOCOL_VERSION = 1 as const;
export const WS_MAX_PAYLOAD = 64 * 1024;

export const helloSchema = z.strictObject({
  type: z.literal('hello'),
  v: z.literal(PROTOCOL_VERSION),
  token: z.string().min(1).max(500),
  /** The last sequence number the client has applied; 0 for a fresh client. */
  lastSeq: z.number().int().min(0),
});
export const clientMessageSchema = z.discriminatedUnion('type', [helloSchema]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** What changed in the hub, in the order it happened. Names are in the past tense. */
export type HubEventBody =
  | { type: 'conversation:queued'; conversation: ConversationView }
  | { type: 'conversation:offered'; conversation: ConversationView; offer: Offer }
  | { type: 'conversation:assigned'; conversation: ConversationView }
  | {
      type: 'conversation:state-changed';
      state: ConversationState;
      owner: Owner;
      offer: Offer | null;
    }
  /** With a customer's message, their sentiment as it stands now (the hub stores it on the envelope). */
  | { type: 'message:added'; message: Message; sentiment?: Sentiment }
  /**
   * The platform named the customer after the handoff (Botpress says who writes only with their
   * first message): the envelope's customer as it stands now, for the card, the list and the cache.
   */
  | { type: 'conversation:customer-updated'; customer: HandoffEnvelope['customer'] }
  /** An outgoing message moved on in the customer's channel (sent, delivered, retrying, failed). */
  | { type: 'message:delivery-changed'; messageId: string; delivery: MessageDelivery }
  /**
   * An agent's reply asked for something the envelope already held, or a customer's message stated
   * a collected value again. Seen by the assigned agent (agentId) and the queue's supervisors.
   */
  | {
      type: 'repeat-ask:recorded';
      kind: 'agent_asked' | 'customer_restated';
      fieldKey: string;
      messageId: string;
      agentId: string | null;
    }
  /** An offer stopped being open without an accept: metrics count declines and timeouts from it. */
  | { type: 'offer:ended'; agentId: string; outcome: 'declined' | 'expired' | 'withdrawn'; reason: string | null }
  /**
   * Routing found nobody eligible (no agent with the skill or language online, or all full): the
   * handoff waits and the source bot is told why. Logged once per distinct reason, not per attempt.
   */
  | { type: 'routing:waiting'; reason: string }
  /** A warm transfer: the receiving agent (or queue) gets the card, the note and the transcript. */
  | { type: 'conversation:transferred'; conversation: ConversationView; transfer: TransferNote }
  /** `note`: what the resolving agent wrote for later review, when they wrote anything. */
  | { type: 'conversation:resolved'; owner: Owner; disposition: Disposition; by: { id: string; name: string }; note?: string }
  /** The customer left before an agent joined. */
  | { type: 'conversation:abandoned'; owner: Owner; waitedMs: number }
  | { type: 'flag:raised'; flag: Flag }
  | { type: 'flag:answered'; flag: Flag }
  /** A supervisor stepped in. Monitors are seen by supervisors only; barge and take-over by the agent too. */
  | { type: 'step-in:started'; mode: StepInMode; supervisor: { id: string; name: string } }
  | { type: 'rating:recorded'; rating: number };

export type HubEvent = HubEventBody & { seq: number; at: string; conversationId: string };
export type HubEventType = HubEventBody['type'];

/**
 * The lifecycle events: each sets a conversation's state, owner and offer (the cache stores each
 * whole, so the last of them is what it holds; a wallboard sees these and nothing else).
 */
export const LIFECYCLE_EVENTS: ReadonlySet<HubEventType> = new Set<HubEventType>([
  'conversation:queued',
  'conversation:offered',
  'conversation:assigned',
  'conversation:transferred',
  'conversation:state-changed',
  'conversation:resolved',
  'conversation:abandoned',
]);

export type ServerMessage =
  | { type: 'welcome'; v: 1; user: User; seq: number }
  | { type: 'events'; v: 1; events: HubEvent[] }
  | { type: 'resync-required'; v: 1; reason: string }
  | { type: 'error'; v: 1; code: string; message: string }
  /**
   * Live agent states, to supervisors, admins and wallboards only: sent after welcome and whenever
   * one changes (coalesced). Not in the event log: every replica follows presence's own log.
   */
  | { type: 'agents'; v: 1; agents: AgentStatus[] }
  /** An agent is typing in a conversation a supervisor monitors. Ephemeral, never logged. */
  | { type: 'typing'; v: 1; conversationId: string; agentId: string; at: string };

/** Close codes the hub uses, so a client can tell why it was dropped. */
export const CLOSE_CODES = {
  authFailed: 4001,
  authTimeout: 4002,
  badMessage: 4003,
  tooSlow: 4008,
  shuttingDown: 1001,
  /** The hub cannot reach its database right now: reconnect with backoff and resume from your last seq. */
  storeUnavailable: 1013,
} as const;

/** Error body of every non-2xx HTTP answer. */
export interface ApiError {
  error: { code: ErrorCode; message: string; details?: { path: string; message: string }[] };
}

export const signInSchema = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(500),
});

export const replySchema = z.strictObject({
  clientMessageId: z.string().min(1).max(100),
  text: z.string().trim().min(1).max(20_000),
});

/** An agent's message: text, files uploaded to the conversation first (by their ids), or both. */
export const agentReplySchema = z
  .strictObject({
    clientMessageId: z.string().min(1).max(100),
    text: z.string().trim().max(20_000),
    attachmentIds: z.array(z.string().min(1).max(200)).max(ATTACHMENT_LIMITS.maxPerTurn).optional(),
  })
  .refine((reply) => reply.text !== '' || (reply.attachmentIds?.length ?? 0) > 0, { path: ['text'], message: 'Send text, files or both.' });

/**
 * HTTP routes of the hub (JSON; `Authorization: Bearer <session token>` unless said otherwise).
 * Agents act on conversations offered to or owned by them; supervisors and admins on any
 * conversation of their queues; wallboards read only.
 *
 *   POST /v1/sessions                        sign in                      signInSchema
 *   GET  /v1/sessions/options                no session; the identity provider offered (SignInOptions)
 *   POST /v1/sessions/oidc/{start,finish}    no session; the identity provider sign-in   providerStartSchema, providerFinishSchema
 *   GET/PUT /v1/admin/sign-in                admin; the identity provider settings      signInSettingsInputSchema
 *   PUT  /v1/me/presence                     agent presence               presenceSchema
 *   GET  /v1/agents                          AgentStatus[] (supervisor, admin, wallboard)
 *   GET  /v1/directory                       { queues, agents } for transfer targets (any staff)
 *   GET  /v1/conversations/:id               ConversationView
 *   POST /v1/conversations/:id/accept
 *   POST /v1/conversations/:id/decline                                    declineSchema
 *   POST /v1/conversations/:id/messages      agent or barged supervisor   agentReplySchema
 *   POST /v1/conversations/:id/attachments   owner, or a joined supervisor; multipart `file` → Attachment
 *   GET  /v1/attachments/:id                 who may read the conversation; the file (safe headers)
 *   GET  /v1/attachment-links/:id            no session; the signed, short-lived link a platform fetches
 *   POST /v1/conversations/:id/transfer      owner, or supervisor (force) transferSchema
 *   POST /v1/conversations/:id/flags         owner agent                  flagSchema
 *   POST /v1/flags/:flagId/acknowledge       supervisor
 *   POST /v1/conversations/:id/resolve       owner                        resolveSchema
 *   POST /v1/conversations/:id/monitor       supervisor
 *   POST /v1/conversations/:id/whisper       supervisor                   whisperSchema
 *   POST /v1/conversations/:id/barge         supervisor
 *   POST /v1/conversations/:id/take-over     supervisor
 *   POST /v1/conversations/:id/typing        owner agent (ephemeral)
 *   POST /v1/handoffs                        integration token            HandoffEnvelope
 *   POST /v1/conversations/:id/bot-messages  integration token; 409 once a human owns it   botMessageSchema
 *   POST /v1/bot-sessions                    integration token; contained sessions      botSessionsSchema
 *   POST /v1/conversations/:id/customer-messages  integration token (+ signature)   customerMessageSchema
 *        201 stored | 200 duplicate (same messageId) | 201 reopened: the conversation was resolved or
 *        abandoned, so the message opens a new handoff linked to it ({ conversationId, previousConversationId };
 *        later messages to either id go to the new one) | 200 ignored: the bot has it back | 404 unknown
 *   POST /v1/conversations/:id/customer-left      integration token (+ signature)   customerLeftSchema
 *        before an agent joined: abandons the handoff; after: the agent is told in the transcript
 *   PUT  /v1/admin/integrations/:id/channel  admin; { platform, settings } (settings never echoed back)
 *   GET  /v1/metrics/...                     supervisor, admin; JSON or CSV (Accept: text/csv)
 *   PUT  /v1/admin/integrations/:id/callback admin; { url: https (http to loopback only) | null, secret?: "generate" (shown once) | "whsec_…" }
 */
export const declineSchema = z.strictObject({
  reason: z.string().max(500).optional(),
  code: z.enum(DECLINE_REASONS).optional(),
});

export const presenceSchema = z.strictObject({
  presence: z.enum(['available', 'away']),
  /** Why the agent goes away: one of the hub's configured reasons. */
  reason: z.string().trim().min(1).max(60).optional(),
});

export const transferSchema = z.strictObject({
  to: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('agent'), id: z.string().min(1).max(200) }),
    z.strictObject({ kind: z.literal('queue'), id: z.string().min(1).max(200) }),
  ]),
  note: z.string().trim().min(1).max(2000),
});

export const flagSchema = z.strictObject({ message: z.string().trim().min(1).max(2000) });

export const resolveSchema = z.strictObject({
  disposition: z.enum(DISPOSITIONS),
  note: z.string().max(2000).optional(),
});

/** A supervisor's whisper; `flagId` when it answers an agent's flag. */
export const whisperSchema = replySchema.extend({ flagId: z.string().min(1).max(200).optional() });

export const stepInSchema = z.strictObject({ flagId: z.string().min(1).max(200).optional() });

export const ratingSchema = z.strictObject({ rating: z.number().int().min(1).max(5) });

export const botMessageSchema = z.strictObject({
  clientMessageId: z.string().min(1).max(100),
  text: z.string().trim().min(1).max(20_000),
});

/**
 * The generic connector's inbound side: a customer's message after the handoff, written in their
 * channel. `messageId` is the sender's own id: a retry with the same id is stored once.
 */
export const customerMessageSchema = z
  .strictObject({
    messageId: z.string().min(1).max(200),
    text: z.string().trim().max(20_000),
    at: z.string().max(64).optional(),
    /** Files the customer sent, as links the hub fetches (http or https), the same shape as a turn's. */
    attachments: z
      .array(attachmentSchema.pick({ url: true, name: true, contentType: true, size: true }).required({ url: true }))
      .max(ATTACHMENT_LIMITS.maxPerTurn)
      .optional(),
  })
  .refine((message) => message.text !== '' || (message.attachments?.length ?? 0) > 0, { path: ['text'], message: 'Send text, files or both.' });

/** The customer left their channel (closed the chat, the platform ended the conversation). */
export const customerLeftSchema = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

/** Sessions the bot handled without a handoff, so the handoff rate has a real denominator. */
export const botSessionsSchema = z.strictObject({
  contained: z.number().int().min(0).max(1_000_000),
  intent: z.string().min(1).max(200).optional(),
  channel: z.string().min(1).max(100).optional(),
  /** The period the count covers; defaults to now. */
  at: z.string().max(64).optional(),
});

/** A file that goes out with an agent's message; `url` is where the platform fetches it from the hub. */
export interface CallbackAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
}

/**
 * What the hub sends to a conversation's channel (signed like incoming webhooks on the generic
 * connector; each platform's connector turns it into that platform's own request).
 */
export type BotCallback =
  | { type: 'accepted'; conversationId: string; envelopeId: string; agentName: string; at: string }
  /** An agent's reply, or a barging or taking-over supervisor's message; whispers never. */
  | {
      type: 'message';
      conversationId: string;
      envelopeId: string;
      messageId: string;
      author: 'agent' | 'supervisor';
      authorName: string;
      text: string;
      attachments?: CallbackAttachment[];
      at: string;
    }
  /** The conversation moved to another agent or queue; the customer stays in the same channel. */
  | { type: 'transferred'; conversationId: string; envelopeId: string; to: string; at: string }
  | { type: 'waiting'; conversationId: string; envelopeId: string; reason: string; at: string }
  | { type: 'failed'; conversationId: string; envelopeId: string; reason: string; at: string }
  | { type: 'completed'; conversationId: string; envelopeId: string; disposition: Disposition; at: string };
