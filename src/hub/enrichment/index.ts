import { ENVELOPE_LIMITS, type Field, type HandoffEnvelope, type Reason } from '../../shared/envelope';
import { canonicalFieldKey, isPlaceholderName } from '../../shared/text/field-kinds';
import { deriveFields } from './fields';
import { deriveReason } from './reason';
import { deriveSentiment } from './sentiment';
import { deriveSummary, deriveTitle } from './summary';

export { deriveFields } from './fields';
export { deriveReason } from './reason';
export { deriveSentiment } from './sentiment';
export { deriveSummary, deriveTitle } from './summary';

/**
 * Fills in what the bot left out, read from the transcript and marked `source: 'derived'`.
 * What the bot gave always wins and is marked `source: 'bot'`. Pure and deterministic: the same
 * envelope gives the same result, and any text a customer can type is handled without throwing.
 */
export function enrich(envelope: HandoffEnvelope): HandoffEnvelope {
  const reason = pickReason(envelope);
  const title = envelope.issue?.title;
  const derivedTitle = title ? undefined : deriveTitle(envelope.transcript);
  const summary = envelope.summary
    ? { ...envelope.summary, source: envelope.summary.source ?? 'bot' }
    : deriveSummary(envelope.transcript, reason);
  const sentiment = envelope.sentiment
    ? { ...envelope.sentiment, source: envelope.sentiment.source ?? 'bot' }
    : deriveSentiment(envelope.transcript);
  const fields = mergeFields(envelope);

  return {
    ...envelope,
    ...(title
      ? { issue: { ...envelope.issue, source: envelope.issue?.source ?? 'bot' } }
      : derivedTitle
        ? { issue: { ...envelope.issue, title: derivedTitle, source: 'derived' } }
        : {}),
    reason,
    ...(summary ? { summary } : {}),
    ...(sentiment ? { sentiment } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

/** A bot's explicit `unknown` says nothing, so the transcript may still tell; otherwise the bot wins. */
function pickReason(envelope: HandoffEnvelope): Reason {
  const given = envelope.reason;
  if (given && given.kind !== 'unknown') return { ...given, source: given.source ?? 'bot' };
  const derived = deriveReason(envelope);
  if (given && derived.kind === 'unknown') return { ...given, source: given.source ?? 'bot' };
  return derived;
}

/** The bot's fields first, marked as the bot's; then derived ones for kinds the bot did not give. */
function mergeFields(envelope: HandoffEnvelope): Field[] {
  const given = (envelope.fields ?? []).map((field) => ({ ...field, source: field.source ?? 'bot' }));
  const covered = new Set<string>(given.map((field) => canonicalFieldKey(field.key) ?? field.key));
  const { customer } = envelope;
  if (!isPlaceholderName(customer.name)) covered.add('name');
  if (customer.email) covered.add('email');
  if (customer.phone) covered.add('phone');
  const derived = deriveFields(envelope.transcript).filter((field) => !covered.has(field.key));
  return [...given, ...derived].slice(0, ENVELOPE_LIMITS.maxFields);
}
