import type { ReasonKind } from '../../shared/envelope';

/**
 * A small rule-based bot for the demo web chat: it answers a few things and hands off when the
 * customer asks for a person or after two turns it cannot understand. Pure: state in, state out.
 */

export interface BotState {
  misunderstandings: number;
  failedTurnIds: string[];
  awaiting: 'order_id' | null;
  orderId: string | null;
}

export interface BotHandoff {
  kind: ReasonKind;
  detail: string;
  evidenceTurnIds: string[];
  attempts: number;
}

export interface BotReply {
  text: string;
  state: BotState;
  handoff: BotHandoff | null;
}

export const initialBotState = (): BotState => ({ misunderstandings: 0, failedTurnIds: [], awaiting: null, orderId: null });

export const greeting = (name: string): string =>
  `Hi ${name}, I'm the Warmline demo assistant. I can check an order, tell you our opening hours, or connect you with a person.`;

const ASKS_FOR_HUMAN =
  /\b(human|real person|a person|someone|somebody|agent|representative|operator|advisor|adviser|staff)\b|talk to (a|an|some)/i;
const ORDER_NUMBER = /\b(\d{4,10})\b/;
const BOT_FAILURE_LIMIT = 2;

export function respond(state: BotState, text: string, customerTurnId: string, botTurnId: string): BotReply {
  if (ASKS_FOR_HUMAN.test(text)) {
    return {
      text: "Of course, I'm connecting you with a person now.",
      state,
      handoff: { kind: 'customer_requested', detail: 'The customer asked for a person.', evidenceTurnIds: [customerTurnId], attempts: state.misunderstandings },
    };
  }
  const orderNumber = ORDER_NUMBER.exec(text)?.[1];
  if (state.awaiting === 'order_id' && orderNumber) {
    return {
      text: `Thanks. Order ${orderNumber} left our warehouse yesterday and should arrive within two working days.`,
      state: { ...state, awaiting: null, orderId: orderNumber },
      handoff: null,
    };
  }
  if (/\b(order|parcel|package|delivery|deliver|shipping)\b/i.test(text)) {
    if (orderNumber) {
      return {
        text: `Order ${orderNumber} left our warehouse yesterday and should arrive within two working days.`,
        state: { ...state, orderId: orderNumber },
        handoff: null,
      };
    }
    return { text: 'I can check that. What is your order number?', state: { ...state, awaiting: 'order_id' }, handoff: null };
  }
  if (/\b(hours|open|opening|close|closing)\b/i.test(text)) {
    return { text: "We're open Monday to Saturday, 8am to 8pm.", state, handoff: null };
  }
  if (/^\s*(hi|hello|hey|thanks|thank you|ok|okay)\b/i.test(text)) {
    return { text: 'Happy to help. What can I do for you?', state, handoff: null };
  }
  const failed = { ...state, misunderstandings: state.misunderstandings + 1, failedTurnIds: [...state.failedTurnIds, botTurnId] };
  if (failed.misunderstandings >= BOT_FAILURE_LIMIT) {
    return {
      text: "Sorry, I still didn't understand. I'm passing you to a person who can help.",
      state: failed,
      handoff: {
        kind: 'bot_failure',
        detail: `The bot did not understand ${failed.misunderstandings} messages in a row.`,
        evidenceTurnIds: failed.failedTurnIds,
        attempts: failed.misunderstandings,
      },
    };
  }
  return { text: "Sorry, I didn't understand that. Could you put it another way?", state: failed, handoff: null };
}
