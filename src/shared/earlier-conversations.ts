import type { ConversationState, Disposition } from './conversation';

/** How an earlier conversation was matched to this customer: the same bot's customer id, or their contact. */
export type CustomerMatch = 'customer-id' | 'email' | 'phone';

/** One earlier conversation of the customer in front of the agent: enough to tell what happened then. */
export interface EarlierConversation {
  id: string;
  createdAt: string;
  updatedAt: string;
  state: ConversationState;
  queue: string;
  issueTitle: string;
  customerName: string;
  /** The bot platform it came from (generic, chatwoot, web-chat…). */
  platform: string;
  disposition: Disposition | null;
  rating: number | null;
  /** Who had it last, when a person did. */
  handledBy: string | null;
  matchedBy: CustomerMatch;
}

/** A phone number as both the hub and the cache compare it: its digits only, when there are enough to mean one person. */
export function phoneKey(phone: string | undefined | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 6 ? digits : null;
}

export const emailKey = (email: string | undefined | null): string | null => {
  const key = (email ?? '').trim().toLowerCase();
  return key === '' ? null : key;
};
