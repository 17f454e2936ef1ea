import type { Author, HandoffEnvelope } from './envelope';

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
}

export interface Offer {
  agentId: string;
  offeredAt: string;
  expiresAt: string | null;
}

/** A conversation as the hub serves it: the envelope the bot handed over, then the live chat. */
export interface ConversationView {
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
