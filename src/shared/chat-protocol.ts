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
  | { type: 'error'; v: 1; code: string; message: string };

export const chatSessionRequestSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });
