import type { HandoffEnvelope, Turn } from '../../shared/envelope';
import type { ChatSession } from './chat-sessions';
import type { BotHandoff } from './demo-bot';

export const WEB_CHAT_BOT_NAME = 'Warmline demo bot';

const source = (session: ChatSession) => ({ platform: 'warmline-web-chat', bot: WEB_CHAT_BOT_NAME, conversationId: session.id });

/** The demo bot gives up: the customer's turns with it become the envelope, like any bot's. */
export function botHandoffEnvelope(session: ChatSession, handoff: BotHandoff): HandoffEnvelope {
  return {
    v: 1,
    id: `web-chat:${session.id}:${session.handoffs + 1}`,
    source: source(session),
    customer: { id: session.id, name: session.customerName, verification: { status: 'unverified' } },
    reason: { ...handoff, source: 'bot' },
    fields: session.bot.orderId ? [{ key: 'order_id', label: 'Order', value: session.bot.orderId, verified: false, source: 'bot' }] : [],
    transcript: session.transcript,
    routing: { channel: 'web' },
  };
}

/**
 * The customer writes after their chat was closed: a new handoff (not the old queue entry), whose
 * transcript is what they just wrote; the hub links it to the previous conversation.
 */
export function followUpEnvelope(session: ChatSession, turn: Turn): HandoffEnvelope {
  return {
    v: 1,
    id: `web-chat:${session.id}:${session.handoffs + 1}`,
    source: source(session),
    customer: { id: session.id, name: session.customerName, verification: { status: 'unverified' } },
    reason: {
      kind: 'customer_requested',
      detail: 'The customer wrote again after their previous chat was closed.',
      evidenceTurnIds: [turn.id],
      attempts: 0,
      source: 'bot',
    },
    fields: session.bot.orderId ? [{ key: 'order_id', label: 'Order', value: session.bot.orderId, verified: false, source: 'bot' }] : [],
    transcript: [turn],
    routing: { channel: 'web' },
  };
}
