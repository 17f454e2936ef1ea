import type { HandoffEnvelope } from '../../../shared/envelope';

export interface CannedReply {
  id: string;
  label: string;
  /** `{name}` and other placeholders are filled from the envelope (see fillTemplate). */
  template: string;
}

/** The replies every agent starts with; a contact centre would load its own list from config. */
export const CANNED_REPLIES: readonly CannedReply[] = [
  { id: 'greet', label: 'Greeting', template: 'Hi {name}, I’m taking over from the assistant. I can see everything you told it, so you won’t need to repeat yourself.' },
  { id: 'order', label: 'Order found', template: 'Hi {name}, I can see your order {order}. Let me look into it for you now.' },
  { id: 'issue', label: 'Confirm issue', template: 'Thanks {name}. Just to confirm: this is about “{issue}”. Is that right?' },
  { id: 'hold', label: 'Checking', template: 'Thank you for waiting, {name}. I’m checking this with the team and will be back within two minutes.' },
  { id: 'close', label: 'Closing', template: 'Is there anything else I can help you with today, {name}?' },
];

/** Placeholder names that are not field keys, and the field keys each one also accepts. */
const ALIASES: Record<string, readonly string[]> = {
  order: ['order_id', 'order', 'order_number', 'orderId'],
  account: ['account_number', 'account', 'account_id', 'accountNumber'],
  email: ['email'],
  phone: ['phone', 'phone_number'],
};

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]{0,63})\}/g;

const firstName = (fullName: string): string => fullName.trim().split(/\s+/)[0] ?? '';

function valueFor(name: string, envelope: HandoffEnvelope): string | null {
  if (name === 'name') return firstName(envelope.customer.name) || null;
  if (name === 'fullName') return envelope.customer.name.trim() || null;
  if (name === 'issue') return envelope.issue?.title?.trim() || null;
  if (name === 'email' && envelope.customer.email) return envelope.customer.email;
  if (name === 'phone' && envelope.customer.phone) return envelope.customer.phone;
  const keys = ALIASES[name] ?? [name];
  const field = envelope.fields?.find((candidate) => keys.includes(candidate.key) && candidate.value.trim() !== '');
  return field ? field.value.trim() : null;
}

export interface FilledReply {
  text: string;
  /** Placeholders with nothing to fill them: left in the text as `{order}` for the agent to replace. */
  missing: string[];
}

/**
 * Fills `{placeholder}`s from what the customer already gave. A value the envelope lacks stays as
 * its visible placeholder, never "undefined" or an empty gap, and is reported so the composer can
 * say what is left to fill. Values are inserted as plain text (the composer is a textarea).
 */
export function fillTemplate(template: string, envelope: HandoffEnvelope): FilledReply {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = valueFor(name, envelope);
    if (value !== null) return value;
    if (!missing.includes(name)) missing.push(name);
    return placeholder;
  });
  return { text, missing };
}

/** The placeholders still in a draft, e.g. after inserting a reply whose field was unknown. */
export const unfilledPlaceholders = (draft: string): string[] => [...new Set(Array.from(draft.matchAll(PLACEHOLDER), (match) => match[1]!))];
