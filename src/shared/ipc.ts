import { z } from 'zod';
import {
  DECLINE_REASONS,
  DISPOSITIONS,
  type AgentStatus,
  type ConversationState,
  type ConversationView,
  type Disposition,
  type Message,
  type MessageDelivery,
  type Offer,
  type Presence,
  type User,
} from './conversation';
import { ATTACHMENT_LIMITS, attachmentSchema, REASON_KINDS, SENTIMENT_LABELS, type Attachment, type Author, type ReasonKind } from './envelope';
import { HUB_URL_RULE, isAllowedHubUrl } from './hub-url';
import type { EarlierConversation } from './earlier-conversations';
import { flagSchema, transferSchema } from './protocol';
import {
  drillDownQuerySchema,
  METRICS_TABLES,
  metricsFilterSchema,
  type DrillDownResult,
  type HandoffQualityReport,
  type Journey,
  type MetricsCsvFile,
} from './metrics';
import type { Result } from './result';
import type { ServiceLevelTarget } from './service-level';
import { adminChannels } from './admin-ipc';
import { signInSettingsInputSchema, type ProviderSignInStarted, type SignInOptions, type SignInSettings } from './sign-in';
import { channel, type ChannelSpec } from './ipc-channel';

/**
 * The IPC contract between the desktop core and the renderer, carried by Electron IPC (preload)
 * or by WebSocket (browser mode). Each channel is declared once: its request schema (validated
 * where the request arrives) and its response type. The object doubles as the runtime allowlist.
 */

export type ConnectionStatus = 'signed-out' | 'connecting' | 'online' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the status last changed: "offline since …". */
  since: string;
  hubUrl: string | null;
  lastSeq: number;
  /** Why the last attempt failed, in words a user can act on. */
  detail: string | null;
  /** Seconds until the next reconnection attempt, when offline. */
  retryInSeconds: number | null;
}

/** Workstation preferences, kept in the local cache. */
export interface Preferences {
  /** Offers are not announced; transfers addressed to this agent still are. */
  doNotDisturb: boolean;
  /** A short sound with each announced notification. */
  sound: boolean;
}

/** The signed-in agent's own routing state, as the hub last reported it. */
export interface AgentSelf {
  presence: Presence;
  capacity: number;
  load: number;
  /** Why they are away (a reason they chose, or "Wrap-up"), and when a wrap-up ends by itself. */
  reason?: string;
  until?: string;
  /** The reasons the hub offers for going away. */
  awayReasons?: string[];
}

export interface SessionState {
  user: User | null;
  connection: ConnectionState;
  /** Set for agents once the hub has reported their presence. */
  agent?: AgentSelf | null;
  preferences?: Preferences;
}

/** Who and where a conversation can be transferred to. */
export interface Directory {
  /** With each queue's service-level target, which the console's figures are measured by. */
  queues: { id: string; name: string; serviceLevel?: ServiceLevelTarget }[];
  agents: AgentStatus[];
}

/** One row of the inbox / history list, read from the local cache. */
export interface ConversationListItem {
  id: string;
  state: ConversationState;
  queue: string;
  customerName: string;
  issueTitle: string;
  reasonKind: ReasonKind;
  sentimentScore: number | null;
  priority: number;
  channel: string;
  createdAt: string;
  updatedAt: string;
  unread: number;
  offer: Offer | null;
  lastMessage: string | null;
  /** Lifecycle extras (optional: rows cached before they existed lack them). */
  ownerName?: string;
  ownerId?: string;
  /** When the current owner took it: for a waiting chat, when it last entered its queue. */
  ownerSince?: string;
  /** Flags its agent raised that no supervisor has answered yet. */
  openFlags?: number;
  repeatAsks?: number;
  disposition?: Disposition | null;
  sentimentTrend?: 'worsening' | 'steady' | 'improving' | null;
  language?: string | null;
  /** Set when this conversation was transferred to the user: the note that came with it, and who wrote it. */
  transferNote?: string | null;
  transferFrom?: string | null;
  previousConversationId?: string | null;
  /** The newest reply still failing to reach the customer's channel (retrying, or refused for good). */
  channelTrouble?: MessageDelivery;
}

/** A message the agent wrote that the hub has not acknowledged yet. */
export interface PendingMessage extends Message {
  status: 'pending' | 'failed';
  error: string | null;
}

/** `source`: 'cache' when the hub was out of reach and the list is what this computer saw. */
export interface EarlierConversations {
  source: 'hub' | 'cache';
  conversations: EarlierConversation[];
}

export interface CachedConversation extends ConversationView {
  pending: PendingMessage[];
}

/** A piece of a search snippet: render `text` as text, emphasised when `match`. Never HTML. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** One turn that matched a history search, with where it belongs. */
export interface SearchHit {
  conversationId: string;
  /** The matching turn; for a match on the customer's name, the conversation's newest turn ('' when it has none). */
  turnId: string;
  /** Set when the customer's name matched rather than a turn's text. */
  matchedOn?: 'customer-name';
  author: Author;
  at: string;
  snippet: SnippetPart[];
  customerName: string;
  issueTitle: string;
}

/** A file's bytes for the renderer. `contentType` was read from the bytes; `data` is base64. */
export interface AttachmentFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  data: string;
}

/** A conversation as a standalone HTML file, for review and complaints; never loaded by the app. */
export interface ConversationExport {
  fileName: string;
  html: string;
}

export type CoreEvent =
  | { type: 'session:changed'; session: SessionState }
  | { type: 'conversation:changed'; item: ConversationListItem }
  | { type: 'conversation:focus-requested'; id: string }
  /** Retention removed conversations older than the configured period. */
  | { type: 'history:purged'; count: number }
  /** Live agent states (supervisors, wallboard); replaces the previous list. */
  | { type: 'agents:changed'; agents: AgentStatus[] }
  /** An agent is typing in a conversation this supervisor monitors. */
  | { type: 'typing'; conversationId: string; agentId: string; at: string }
  /** A resync after being too far behind: how far it has got. `total` null while unknown. */
  | { type: 'sync:progress'; applied: number; total: number | null; done: boolean };


const conversationRef = z.strictObject({ id: z.string().min(1).max(200) });
const isoTime = z
  .string()
  .max(64)
  .refine((value) => Number.isFinite(Date.parse(value)), 'must be a date and time');
const filterText = z.string().trim().min(1).max(200);
/** History's filters, for search and for the list alike. Dates bound the matching turn (search) or the last activity (list). */
const historyFilters = z.strictObject({
  from: isoTime.optional(),
  to: isoTime.optional(),
  queue: filterText.optional(),
  reason: z.enum(REASON_KINDS).optional(),
  customer: filterText.optional(),
  sentiment: z.enum(SENTIMENT_LABELS).optional(),
  disposition: z.enum(DISPOSITIONS).optional(),
});

const hubUrlSchema = z.url({ protocol: /^https?$/ }).max(500).refine(isAllowedHubUrl, HUB_URL_RULE);

export const ipcChannels = {
  'session:get': channel<SessionState>()(z.undefined()),
  'session:sign-in': channel<SessionState>()(
    z.strictObject({
      hubUrl: hubUrlSchema.optional(),
      email: z.string().min(1).max(320),
      password: z.string().min(1).max(500),
    }),
  ),
  'session:sign-out': channel<SessionState>()(z.undefined()),
  /** What the hub offers on its sign-in screen (its identity provider, whether passwords work). */
  'session:sign-in-options': channel<SignInOptions>()(z.strictObject({ hubUrl: hubUrlSchema.optional() })),
  /** Starts a sign-in with the identity provider; `session:provider-wait` answers when it is done. */
  'session:provider-start': channel<ProviderSignInStarted>()(z.strictObject({ hubUrl: hubUrlSchema.optional() })),
  'session:provider-wait': channel<SessionState>()(z.undefined()),
  'session:provider-cancel': channel<null>()(z.undefined()),
  'conversations:list': channel<ConversationListItem[]>()(z.undefined()),
  'conversations:get': channel<CachedConversation | null>()(conversationRef),
  'conversations:accept': channel<CachedConversation>()(conversationRef),
  'conversations:decline': channel<null>()(
    z.strictObject({
      id: z.string().min(1).max(200),
      reason: z.string().max(500).optional(),
      code: z.enum(DECLINE_REASONS).optional(),
    }),
  ),
  /** Text, files uploaded first with `attachments:upload`, or both. */
  'conversations:reply': channel<PendingMessage | Message>()(
    z
      .strictObject({
        id: z.string().min(1).max(200),
        text: z.string().trim().max(20_000),
        attachments: z.array(attachmentSchema).max(ATTACHMENT_LIMITS.maxPerTurn).optional(),
      })
      .refine((reply) => reply.text !== '' || (reply.attachments?.length ?? 0) > 0, { path: ['text'], message: 'Write something or attach a file.' }),
  ),
  /** A file of a turn, from the local cache or else the hub (then kept for offline review). */
  'attachments:read': channel<AttachmentFile>()(
    z.strictObject({ conversationId: z.string().min(1).max(200), id: z.string().min(1).max(200), name: z.string().max(ATTACHMENT_LIMITS.maxName) }),
  ),
  /** Sends a file to the hub for the agent's next message (online only); base64 of its bytes. */
  'attachments:upload': channel<Attachment>()(
    z.strictObject({
      conversationId: z.string().min(1).max(200),
      name: z.string().min(1).max(ATTACHMENT_LIMITS.maxName),
      data: z.base64().max(Math.ceil(ATTACHMENT_LIMITS.maxBytes / 3) * 4),
    }),
  ),
  'conversations:mark-read': channel<null>()(conversationRef),
  /** Text as typed: quotes make a phrase, a trailing word is a prefix; nothing typed is syntax. */
  'history:search': channel<SearchHit[]>()(
    z.strictObject({
      query: z.string().max(500),
      ranked: z.boolean().optional(),
      filters: historyFilters.optional(),
    }),
  ),
  /** Every cached conversation, resolved ones too, newest activity first; `before` pages on; filters as search's. */
  /** A returning customer's earlier conversations: the hub's answer, or this computer's cache while offline. */
  'customers:earlier': channel<EarlierConversations>()(conversationRef),
  /** One of them whole, fetched from the hub into the cache (or read from the cache offline), to open it. */
  'customers:open-earlier': channel<CachedConversation>()(
    z.strictObject({ id: z.string().min(1).max(200), earlierId: z.string().min(1).max(200) }),
  ),
  'history:list': channel<ConversationListItem[]>()(
    z.strictObject({ limit: z.number().int().min(1).max(500).optional(), before: isoTime.optional(), filters: historyFilters.optional() }),
  ),
  /** `staffNotes`: whispers and flags marked as staff-only (the default) or left out of the file. */
  'history:export': channel<ConversationExport>()(
    z.strictObject({ id: z.string().min(1).max(200), staffNotes: z.enum(['mark', 'omit']).optional() }),
  ),
  /** Signs out and wipes this workstation's cache: conversations, outbox, profile. */
  'data:clear': channel<SessionState>()(z.undefined()),
  /** Reconnect to the hub now instead of waiting for the backoff. */
  'session:retry-now': channel<SessionState>()(z.undefined()),

  // Agent actions (agent workspace).
  'presence:set': channel<SessionState>()(z.strictObject({ presence: z.enum(['available', 'away']), reason: z.string().trim().min(1).max(60).optional() })),
  'preferences:set': channel<SessionState>()(
    z.strictObject({ doNotDisturb: z.boolean().optional(), sound: z.boolean().optional() }),
  ),
  'conversations:transfer': channel<null>()(transferSchema.extend({ id: z.string().min(1).max(200) })),
  'conversations:flag': channel<null>()(flagSchema.extend({ id: z.string().min(1).max(200) })),
  'conversations:resolve': channel<CachedConversation | null>()(
    z.strictObject({ id: z.string().min(1).max(200), disposition: z.enum(DISPOSITIONS), note: z.string().max(2000).optional() }),
  ),
  /** Tells monitoring supervisors the agent is typing; throttled by the caller. */
  'conversations:typing': channel<null>()(conversationRef),
  'directory:get': channel<Directory>()(z.undefined()),
  /** Opens a link from a transcript in the system browser, only if the allowlist permits it. */
  'links:open': channel<{ opened: boolean; reason: string | null }>()(z.strictObject({ url: z.string().min(1).max(2000) })),

  // Supervisor step-ins (supervisor console).
  'supervisor:agents': channel<AgentStatus[]>()(z.undefined()),
  'supervisor:monitor': channel<CachedConversation>()(conversationRef),
  'supervisor:whisper': channel<Message>()(
    z.strictObject({ id: z.string().min(1).max(200), text: z.string().trim().min(1).max(20_000), flagId: z.string().min(1).max(200).optional() }),
  ),
  'supervisor:barge': channel<CachedConversation>()(
    z.strictObject({ id: z.string().min(1).max(200), flagId: z.string().min(1).max(200).optional() }),
  ),
  'supervisor:take-over': channel<CachedConversation>()(conversationRef),
  'supervisor:transfer': channel<null>()(transferSchema.extend({ id: z.string().min(1).max(200) })),
  'supervisor:acknowledge-flag': channel<null>()(z.strictObject({ flagId: z.string().min(1).max(200) })),

  // Handoff quality (supervisors): the hub computes; the CSV is built here from the same report.
  'metrics:report': channel<HandoffQualityReport>()(metricsFilterSchema),
  'metrics:csv': channel<MetricsCsvFile>()(metricsFilterSchema.extend({ table: z.enum(METRICS_TABLES) })),
  'metrics:conversations': channel<DrillDownResult>()(drillDownQuerySchema),
  'journey:get': channel<Journey>()(conversationRef),

  // Administration (admins): people, queues, bots, wall screens, audit, retention.
  ...adminChannels,
  'admin:sign-in': channel<SignInSettings>()(z.undefined()),
  'admin:sign-in-set': channel<SignInSettings>()(signInSettingsInputSchema),
} satisfies Record<string, ChannelSpec<z.ZodType, unknown>>;

export type ChannelName = keyof typeof ipcChannels;
export type RequestOf<C extends ChannelName> = z.input<(typeof ipcChannels)[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<(typeof ipcChannels)[C]['request']>;
export type ResponseOf<C extends ChannelName> = (typeof ipcChannels)[C]['response'];

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(ipcChannels, name);

/** What the renderer sees of the core, whatever the transport. */
export interface WarmlineApi {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

/** Name of the Electron IPC channel that carries CoreEvents to the renderer. */
export const CORE_EVENT_CHANNEL = 'core:event';

/** Browser-mode bridge frames (WebSocket), wrapping the same contract. */
export type BridgeRequest = { id: number; channel: string; request: unknown };
export type BridgeFrame =
  | { kind: 'response'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: CoreEvent }
  /** Every event of one core tick in one frame, in the order emitted (one frame and one write instead of dozens). */
  | { kind: 'events'; events: CoreEvent[] };
