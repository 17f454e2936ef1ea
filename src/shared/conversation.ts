import type { Attachment, Author, HandoffEnvelope } from './envelope';

/** Lifecycle of a handed-off conversation, owned by the hub. */
export const CONVERSATION_STATES = [
  'bot',
  'queued',
  'offered',
  'assigned',
  'transferred',
  'resolved',
  'abandoned',
  'returned_to_bot',
] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** States in which the handoff is over: no human has the conversation or will be offered it. */
export const CLOSED_STATES = ['resolved', 'abandoned', 'returned_to_bot'] as const satisfies readonly ConversationState[];
export const isClosed = (state: ConversationState): boolean => (CLOSED_STATES as readonly ConversationState[]).includes(state);

export const ROLES = ['agent', 'supervisor', 'admin', 'wallboard'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  queues: string[];
}

/** Who owns a conversation, since when and why: the UI can always answer these three. */
export interface Owner {
  kind: 'bot' | 'queue' | 'agent' | 'supervisor';
  id: string;
  name: string;
  since: string;
  why: string;
}

/** A turn written after the handoff (by the customer, an agent, a supervisor or the system). */
export interface Message {
  id: string;
  conversationId: string;
  at: string;
  author: Author;
  authorName?: string;
  text: string;
  /** The sender's idempotency key: the same key is stored once. */
  clientMessageId?: string;
  /**
   * `staff`: a supervisor's whisper, shown to the agent and supervisors only, marked as a whisper;
   * never sent to the customer. Absent means everyone in the chat sees it.
   */
  visibility?: 'everyone' | 'staff';
  /** How far an agent's or supervisor's message got into the customer's channel; absent when it has none. */
  delivery?: MessageDelivery;
  /** Files sent with the message: each the hub's `id` for it, or the `problem` that kept it out. */
  attachments?: Attachment[];
}

/**
 * `sent`: stored by the hub and queued for the channel; `delivered`: the platform took it;
 * `retrying`: an attempt failed and another follows; `failed`: the platform refused it for good,
 * or every retry failed (`error` says why, in the platform's words where it gave any).
 */
export const DELIVERY_STATES = ['sent', 'delivered', 'retrying', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface MessageDelivery {
  state: DeliveryState;
  at: string;
  /** The channel's platform (chatwoot, generic, web-chat…), so failures can be told apart per channel. */
  channel: string;
  error?: string;
}

export interface Offer {
  agentId: string;
  offeredAt: string;
  expiresAt: string | null;
}

/** A conversation as the hub serves it: the envelope the bot handed over, then the live chat. */
export interface ConversationView extends ConversationLifecycleFields {
  id: string;
  state: ConversationState;
  queue: string;
  owner: Owner;
  offer: Offer | null;
  createdAt: string;
  updatedAt: string;
  envelope: HandoffEnvelope;
  messages: Message[];
}

/**
 * What an agent told the hub about themselves. `offline` is also what the hub reports for an agent
 * with no live connection, whatever they last chose: an offer is never made to one.
 */
export const PRESENCES = ['available', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

/** How a conversation ended, chosen by whoever resolves it; metrics group by it. */
export const DISPOSITIONS = ['solved', 'workaround', 'follow_up', 'not_solved', 'duplicate', 'spam'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Why an agent declined an offer; `other` carries free text in `note`. */
export const DECLINE_REASONS = ['busy', 'wrong_skill', 'wrong_language', 'break', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** How a supervisor steps into a conversation. Monitoring is invisible to the customer and agent. */
export const STEP_IN_MODES = ['monitor', 'whisper', 'barge', 'take_over', 'force_transfer'] as const;
export type StepInMode = (typeof STEP_IN_MODES)[number];

/** Where a transfer goes: a named agent, or back to a queue to be routed again. */
export type TransferTarget = { kind: 'agent'; id: string } | { kind: 'queue'; id: string };

/** The note that travels with a warm transfer, shown on the receiving agent's card. */
export interface TransferNote {
  from: { id: string; name: string };
  to: TransferTarget & { name: string };
  note: string;
  at: string;
}

/** An agent asking a supervisor for help in one conversation. */
export interface Flag {
  id: string;
  conversationId: string;
  raisedBy: { id: string; name: string };
  message: string;
  at: string;
  /** Set when a supervisor answers: acknowledged, or answered with a whisper or a barge. */
  answer: { by: { id: string; name: string }; action: 'acknowledge' | 'whisper' | 'barge'; at: string } | null;
}

/** Live state of one agent as supervisors and the wallboard see it, for the whole floor (not in the event log). */
export interface AgentStatus {
  id: string;
  name: string;
  presence: Presence;
  /** Why they are away: a reason they chose, or "Wrap-up" after a chat they closed (until `presenceUntil`). */
  presenceReason?: string;
  presenceUntil?: string;
  /** When the presence last changed, for "time in state". */
  since: string;
  queues: string[];
  skills: string[];
  languages: string[];
  capacity: number;
  /** Open offers plus assigned conversations. */
  load: number;
  openFlags: number;
}

/**
 * Fields the hub lifecycle adds to a ConversationView. All optional on the wire so that caches
 * written before they existed still read; the hub always sets them.
 */
export interface ConversationLifecycleFields {
  /** 1 (low) to 5 (urgent), from the envelope's routing.priority or the queue default. */
  priority?: number;
  /** Skills the conversation needs and the language it is in, from the envelope's routing. */
  skills?: string[];
  language?: string | null;
  /** When this conversation reopens a resolved one, its id: "the customer wrote again". */
  previousConversationId?: string | null;
  /** The latest warm transfer's note, for the receiving agent's card. */
  transfer?: TransferNote | null;
  flags?: Flag[];
  disposition?: Disposition | null;
  /** What the agent wrote when resolving, for whoever reviews the conversation later. */
  resolveNote?: string | null;
  /** The customer's 1–5 rating after resolution. */
  rating?: number | null;
  /** Supervisors who stepped in visibly (barge) and are part of the chat now. */
  participants?: { id: string; name: string }[];
}
