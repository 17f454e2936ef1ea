import { ENVELOPE_LIMITS, type Field } from '../../shared/envelope';
import { clipLong, humanize } from './normalize';

/** A value a platform collected, as the text an agent reads; `undefined` when there is nothing to show. */
export function displayValue(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value.trim() ? clipLong(value) : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (depth > 2 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((item) => displayValue(item, depth + 1)).filter((part) => part !== undefined);
    return parts.length ? clipLong(parts.join(', ')) : undefined;
  }
  return structuredValue(value as Record<string, unknown>, depth);
}

/** Dialogflow's system entities arrive as objects (`@sys.person`, `@sys.unit-currency`, `@sys.date`). */
function structuredValue(value: Record<string, unknown>, depth: number): string | undefined {
  const { name, original, amount, currency, year, month, day } = value;
  if (typeof original === 'string' && original.trim()) return clipLong(original);
  if (typeof name === 'string' && name.trim()) return clipLong(name);
  if (typeof amount === 'number' && typeof currency === 'string') return `${amount} ${currency}`;
  if (typeof year === 'number' && typeof month === 'number' && typeof day === 'number') {
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  const parts = Object.entries(value)
    .map(([key, item]) => [key, displayValue(item, depth + 1)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([key, text]) => `${key}: ${text}`);
  return parts.length ? clipLong(parts.join('; ')) : undefined;
}

/**
 * The bot's own collected values as envelope fields, marked as given by the bot. Keys in `skip`
 * are the platform's bookkeeping (Rasa's `requested_slot`), not something the customer said.
 */
export function fieldsFrom(record: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): Field[] {
  const fields: Field[] = [];
  for (const [key, raw] of Object.entries(record)) {
    if (skip.has(key) || !key.trim() || key.length > 100) continue;
    const value = displayValue(raw);
    if (value === undefined) continue;
    fields.push({ key, label: humanize(key), value, source: 'bot' });
    if (fields.length >= ENVELOPE_LIMITS.maxFields) break;
  }
  return fields;
}

const NAME_KEYS = ['name', 'customer_name', 'customername', 'full_name', 'fullname', 'person', 'user_name', 'username'];
const FIRST_KEYS = ['first_name', 'firstname', 'given_name', 'given-name'];
const LAST_KEYS = ['last_name', 'lastname', 'family_name', 'last-name', 'family-name'];
const EMAIL_KEYS = ['email', 'email_address', 'customer_email'];
const PHONE_KEYS = ['phone', 'phone_number', 'phone-number', 'mobile', 'customer_phone'];

const pick = (record: Record<string, unknown>, keys: string[]): string | undefined => {
  const byLower = new Map(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
  for (const key of keys) {
    const value = displayValue(byLower.get(key));
    if (value) return value;
  }
  return undefined;
};

/** What the bot's own variables say about the customer, by the names bots conventionally use. */
export function customerHints(record: Record<string, unknown>): { name?: string; email?: string; phone?: string } {
  const first = pick(record, FIRST_KEYS);
  const last = pick(record, LAST_KEYS);
  const name = pick(record, NAME_KEYS) ?? ([first, last].filter(Boolean).join(' ') || undefined);
  return { name, email: pick(record, EMAIL_KEYS), phone: pick(record, PHONE_KEYS) };
}
