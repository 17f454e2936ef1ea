import { z } from 'zod';
import type { Author } from './envelope';

/** The customer web chat's wire protocol (demo widget ↔ hub), v1. Customers never see whispers. */
export const chatClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('join'), v: z.literal(1), token: z.string().min(1).max(200) }),
  z.strictObject({
    type: z.literal('say'),
    v: z.literal(1),
    clientMessageId: z.string().min(1).max(100),
    text: z.string().trim().min(1).max(5000),
  }),
  /** The customer closes the chat: before an agent joined, the handoff is abandoned. */
  z.strictObject({ type: z.literal('leave'), v: z.literal(1) }),
  /** The customer's 1–5 rating, asked for once the conversation is resolved. */
  z.strictObject({ type: z.literal('rate'), v: z.literal(1), rating: z.number().int().min(1).max(5) }),
]);
export type ChatClientMessage = z.infer<typeof chatClientMessageSchema>;

export interface ChatTurn {
  id: string;
  at: string;
  author: Author;
  authorName?: string;
  text: string;
}

export type ChatServerMessage =
  | { type: 'history'; v: 1; turns: ChatTurn[] }
  | { type: 'turn'; v: 1; turn: ChatTurn }
  | { type: 'status'; v: 1; text: string }
  /**
   * Where the customer is in the queue and how long they should expect to wait (null: unknown,
   * nobody who can help is available); `position` 0 means no longer waiting. Sent on every change.
   */
  | { type: 'queue'; v: 1; position: number; etaMs: number | null; text: string }
  /** The conversation was resolved: the widget offers 1–5 rating buttons. */
  | { type: 'rating-request'; v: 1 }
  /** An agent took the chat: the widget's status line names them. */
  | { type: 'agent-joined'; v: 1; agentName: string }
  /** The agent is typing (a signal every few seconds while they do): shown until a turn arrives or the signals stop. */
  | { type: 'typing'; v: 1 }
  /** The conversation is over (resolved, abandoned, returned): writing again starts a new one. */
  | { type: 'closed'; v: 1 }
  /** The customer wrote after the close and a new conversation was opened: the widget marks where it starts. */
  | { type: 'new-conversation'; v: 1 }
  | { type: 'error'; v: 1; code: string; message: string };

export const chatSessionRequestSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });
