import { z } from 'zod';

/**
 * The canonical handoff envelope, v1. `POST /v1/handoffs` takes exactly this JSON, so it is a
 * public contract: change it only by adding optional fields or a new `v`.
 * Every object is strict (unknown keys are refused and named) except `extra`, kept as given.
 */

export const ENVELOPE_LIMITS = {
  /** Request body limit of the handoff endpoints; larger bodies get 413. */
  maxBodyBytes: 1024 * 1024,
  maxTurns: 5000,
  maxTurnText: 20_000,
  maxShortText: 500,
  maxLongText: 4000,
  maxFields: 200,
} as const;

const shortText = z.string().max(ENVELOPE_LIMITS.maxShortText);
const longText = z.string().max(ENVELOPE_LIMITS.maxLongText);
const id = z.string().min(1).max(200);

export const AUTHORS = ['customer', 'bot', 'agent', 'supervisor', 'system'] as const;
export const REASON_KINDS = ['customer_requested', 'bot_failure', 'planned_escalation', 'unknown'] as const;
export const VERIFICATION_STATUSES = ['verified', 'partial', 'unverified'] as const;
export const PROVENANCE = ['bot', 'derived'] as const;
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export const SENTIMENT_TRENDS = ['worsening', 'steady', 'improving'] as const;
/** Signs of frustration Warmline looks for in customer turns; each pushes the sentiment down. */
export const FRUSTRATION_SIGNALS = ['repetition', 'all_caps', 'exclamations', 'demands_human'] as const;

export const authorSchema = z.enum(AUTHORS);
export const provenanceSchema = z.enum(PROVENANCE);

/** Files on turns and messages: how many, how big, and which types a client may show inline. */
export const ATTACHMENT_LIMITS = {
  maxPerTurn: 10,
  /** The largest file the hub keeps, whether a platform links it or an agent uploads it. */
  maxBytes: 10 * 1024 * 1024,
  maxUrl: 2048,
  maxName: 255,
} as const;

/**
 * Raster image types shown inline. Everything else, SVG and HTML included, is only ever offered as a
 * download: those can carry script, and the type is decided by the file's first bytes, not its name.
 */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const isInlineImageType = (type: string | undefined): boolean =>
  (INLINE_IMAGE_TYPES as readonly string[]).includes(type ?? '');

/** Why the hub keeps no file for an attachment; the agent sees the name and this. */
export const ATTACHMENT_PROBLEMS = ['too_large', 'unreachable', 'refused', 'empty'] as const;

/**
 * A file on a turn. A bot gives `url` (http or https) and may give `name`, `contentType` and `size`;
 * the hub fetches it and replaces the entry with its own `id`, the type it read from the bytes and
 * the real size, or with a `problem`. A bot's own `id` or `problem` is never kept.
 */
export const attachmentSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(ATTACHMENT_LIMITS.maxUrl).optional(),
  id: id.optional(),
  name: z.string().max(ATTACHMENT_LIMITS.maxName).optional(),
  contentType: z.string().max(200).optional(),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  problem: z.enum(ATTACHMENT_PROBLEMS).optional(),
});

export const turnSchema = z.strictObject({
  id,
  at: z.iso.datetime({ offset: true }),
  author: authorSchema,
  text: z.string().max(ENVELOPE_LIMITS.maxTurnText),
  /** Optional display name of the author (e.g. the bot's or agent's name). */
  name: shortText.optional(),
  attachments: z.array(attachmentSchema).max(ATTACHMENT_LIMITS.maxPerTurn).optional(),
});

export const customerSchema = z.strictObject({
  id: id.optional(),
  name: z.string().min(1).max(ENVELOPE_LIMITS.maxShortText),
  email: shortText.optional(),
  phone: shortText.optional(),
  language: shortText.optional(),
  verification: z
    .strictObject({ status: z.enum(VERIFICATION_STATUSES), method: shortText.optional() })
    .optional(),
});

export const sourceSchema = z.strictObject({
  platform: shortText,
  bot: shortText.optional(),
  conversationId: shortText.optional(),
});

export const issueSchema = z.strictObject({
  title: shortText.optional(),
  intent: shortText.optional(),
  department: shortText.optional(),
  /** Whether the bot gave the title or Warmline derived it from the transcript. */
  source: provenanceSchema.optional(),
});

export const reasonSchema = z.strictObject({
  kind: z.enum(REASON_KINDS),
  detail: longText.optional(),
  evidenceTurnIds: z.array(id).max(100).optional(),
  attempts: z.number().int().min(0).max(1000).optional(),
  source: provenanceSchema.optional(),
});

export const summarySchema = z.strictObject({
  text: longText,
  source: provenanceSchema.optional(),
});

export const sentimentSchema = z.strictObject({
  score: z.number().min(-1).max(1),
  label: z.enum(SENTIMENT_LABELS).optional(),
  trend: z.enum(SENTIMENT_TRENDS).optional(),
  source: provenanceSchema.optional(),
  /** Per customer turn score (−1…1), when Warmline derived the sentiment. */
  turns: z
    .array(z.strictObject({ turnId: id, score: z.number().min(-1).max(1) }))
    .max(ENVELOPE_LIMITS.maxTurns)
    .optional(),
  /** Frustration signals seen in the customer's turns, each listed once. */
  signals: z.array(z.enum(FRUSTRATION_SIGNALS)).max(FRUSTRATION_SIGNALS.length).optional(),
});

export const fieldSchema = z.strictObject({
  key: z.string().min(1).max(100),
  label: shortText.optional(),
  value: z.string().max(ENVELOPE_LIMITS.maxLongText),
  verified: z.boolean().optional(),
  source: provenanceSchema.optional(),
  /** The turn the value came from, when Warmline derived it. */
  turnId: id.optional(),
});

export const CHANNELS = ['web', 'whatsapp', 'sms', 'email', 'voice', 'messenger', 'other'] as const;

export const routingSchema = z.strictObject({
  queue: shortText.optional(),
  skills: z.array(z.string().max(100)).max(50).optional(),
  language: shortText.optional(),
  priority: z.number().int().min(0).max(9).optional(),
  channel: z.enum(CHANNELS).optional(),
});

export const envelopeSchema = z.strictObject({
  v: z.literal(1),
  id,
  source: sourceSchema.optional(),
  customer: customerSchema,
  issue: issueSchema.optional(),
  reason: reasonSchema.optional(),
  summary: summarySchema.optional(),
  sentiment: sentimentSchema.optional(),
  fields: z.array(fieldSchema).max(ENVELOPE_LIMITS.maxFields).optional(),
  transcript: z.array(turnSchema).max(ENVELOPE_LIMITS.maxTurns),
  routing: routingSchema.optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});

export type Author = z.infer<typeof authorSchema>;
export type Turn = z.infer<typeof turnSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type AttachmentProblem = (typeof ATTACHMENT_PROBLEMS)[number];
export type HandoffEnvelope = z.infer<typeof envelopeSchema>;
export type ReasonKind = (typeof REASON_KINDS)[number];
export type Reason = z.infer<typeof reasonSchema>;
export type Field = z.infer<typeof fieldSchema>;
export type Sentiment = z.infer<typeof sentimentSchema>;
export type FrustrationSignal = (typeof FRUSTRATION_SIGNALS)[number];
export type Summary = z.infer<typeof summarySchema>;
export type Channel = (typeof CHANNELS)[number];
