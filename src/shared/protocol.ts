import { z } from 'zod';
import type { ConversationState, ConversationView, Message, Offer, Owner, User } from './conversation';

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
  | { type: 'message:added'; message: Message }
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
    };

export type HubEvent = HubEventBody & { seq: number; at: string; conversationId: string };
export type HubEventType = HubEventBody['type'];

export type ServerMessage =
  | { type: 'welcome'; v: 1; user: User; seq: number }
  | { type: 'events'; v: 1; events: HubEvent[] }
  | { type: 'resync-required'; v: 1; reason: string }
  | { type: 'error'; v: 1; code: string; message: string };

/** Close codes the hub uses, so a client can tell why it was dropped. */
export const CLOSE_CODES = {
  authFailed: 4001,
  authTimeout: 4002,
  badMessage: 4003,
  tooSlow: 4008,
  shuttingDown: 1001,
} as const;

/** Error body of every non-2xx HTTP answer. */
export interface ApiError {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

export const signInSchema = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(500),
});

export const replySchema = z.strictObject({
  clientMessageId: z.string().min(1).max(100),
  text: z.string().trim().min(1).max(20_000),
});

export const declineSchema = z.strictObject({ reason: z.string().max(500).optional() });
