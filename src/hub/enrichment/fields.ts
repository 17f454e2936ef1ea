import type { Field, Turn } from '../../shared/envelope';
import { FIELD_LABELS, type FieldKind } from '../../shared/text/field-kinds';
import { digitsOf } from '../../shared/text/normalize';
import { findBirthDate, findDate } from './dates';
import { answeredId, findAmounts, findEmails, findNamedIds, findPhones, type IdKind } from './identifiers';
import { answeredName, statedName } from './names';
import { askedKinds, confirmsDetails } from './prompts';
import { botPromptBefore, botReplyAfter, isCustomer, scanText } from './turns';

/** Amounts are the one kind a customer can give several of ("$300, then $500"). */
const MAX_AMOUNTS = 5;

interface Candidate {
  key: FieldKind;
  value: string;
}

/**
 * The fields the customer gave in the transcript, each with its turn and whether the bot's next
 * reply confirmed it. Only customer turns give values: a number the bot said is not the
 * customer's. When a customer states a field twice, the later value wins (people correct
 * themselves), except that a shorter form of a name does not replace the full one.
 */
export function deriveFields(transcript: readonly Turn[]): Field[] {
  const byKey = new Map<FieldKind, Field>();
  const amounts: Field[] = [];
  transcript.forEach((turn, index) => {
    if (!isCustomer(turn)) return;
    const reply = botReplyAfter(transcript, index);
    const verified = reply !== undefined && confirmsDetails(scanText(reply));
    for (const candidate of candidatesIn(scanText(turn), askedKinds(botPromptBefore(transcript, index)))) {
      const field: Field = {
        key: candidate.key,
        label: FIELD_LABELS[candidate.key],
        value: candidate.value,
        verified: verified && candidate.key !== 'amount',
        source: 'derived',
        turnId: turn.id,
      };
      if (candidate.key === 'amount') {
        if (amounts.length < MAX_AMOUNTS && !amounts.some((a) => a.value === field.value)) amounts.push(field);
      } else if (!keepsEarlier(byKey.get(candidate.key), field)) {
        byKey.set(candidate.key, field);
      }
    }
  });
  return [...byKey.values(), ...amounts];
}

function keepsEarlier(earlier: Field | undefined, later: Field): boolean {
  if (!earlier) return false;
  if (earlier.value.toLowerCase() === later.value.toLowerCase()) return true;
  if (later.key !== 'name') return false;
  const earlierWords = earlier.value.toLowerCase().split(/\s+/);
  return later.value.toLowerCase().split(/\s+/).every((word) => earlierWords.includes(word));
}

/** Every field value one customer message holds, read in the light of what the bot just asked. */
export function candidatesIn(text: string, asked: readonly FieldKind[]): Candidate[] {
  const found: Candidate[] = [];
  const add = (key: FieldKind, value: string | undefined): void => {
    if (value && !found.some((c) => c.key === key)) found.push({ key, value });
  };

  add('name', asked.includes('name') ? answeredName(text) : statedName(text));

  const named = findNamedIds(text);
  for (const id of named) add(id.kind, id.value);
  const askedId = asked.find((kind): kind is IdKind => ['account_number', 'order_id', 'booking_reference'].includes(kind));
  if (askedId && named.length === 0) add(askedId, answeredId(text));

  add('email', findEmails(text)[0]);
  const idDigits = new Set(found.map((c) => digitsOf(c.value)).filter(Boolean));
  add('phone', findPhones(text, asked.includes('phone')).find((phone) => !idDigits.has(digitsOf(phone))));
  add('date_of_birth', findBirthDate(text) ?? (asked.includes('date_of_birth') ? findDate(text) : undefined));
  for (const amount of findAmounts(text)) found.push({ key: 'amount', value: amount });
  return found;
}
