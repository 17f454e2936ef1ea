import type { Reason, Summary, Turn } from '../../shared/envelope';
import { FIELD_LABELS, type FieldKind } from '../../shared/text/field-kinds';
import { truncate } from '../../shared/text/normalize';
import { askedKinds } from './prompts';
import { firstRequest, isBot, isCustomer, isSubstantive, scanText, withoutGreeting } from './turns';

const MAX_QUOTE = 160;
const MAX_TITLE = 80;

/**
 * One or two sentences built from the transcript's own words: what the customer asked for (their
 * first substantive turn, quoted), what the bot tried (the details it asked for) and why it
 * stopped (the reason). Undefined when the customer has not written anything.
 */
export function deriveSummary(transcript: readonly Turn[], reason: Reason): Summary | undefined {
  if (!transcript.some(isCustomer)) return undefined;
  const request = firstRequest(transcript);
  const wants = request
    ? `The customer wrote: “${truncate(withoutGreeting(scanText(request)), MAX_QUOTE)}”.`
    : 'The customer has not said what they want.';
  const tried = botAttempt(transcript);
  const stopped = stopPhrase(reason);
  const second = [tried, stopped].filter(Boolean).join(', then ');
  return { text: second ? `${wants} ${capitalise(second)}.` : wants, source: 'derived' };
}

/** A short issue title from the customer's first request, or undefined when there is none. */
export function deriveTitle(transcript: readonly Turn[]): string | undefined {
  const request = firstRequest(transcript);
  if (!request) return undefined;
  const sentences = withoutGreeting(scanText(request)).split(/(?<=[.!?])\s+/);
  const best = sentences.find((s) => isSubstantive(s) && !/^(?:can|could|would) you (?:please )?help(?: me)?\W*$/i.test(s));
  const title = truncate((best ?? sentences[0] ?? '').replace(/[.!?\s]+$/u, ''), MAX_TITLE);
  return title ? capitalise(title) : undefined;
}

function botAttempt(transcript: readonly Turn[]): string {
  const botTurns = transcript.filter(isBot);
  if (botTurns.length === 0) return '';
  const asked = new Set<FieldKind>();
  for (const turn of botTurns) for (const kind of askedKinds(scanText(turn))) asked.add(kind);
  if (asked.size === 0) return `the bot replied ${botTurns.length === 1 ? 'once' : `${botTurns.length} times`}`;
  const labels = [...asked].map((kind) => FIELD_LABELS[kind].toLowerCase());
  return `the bot asked for their ${listOf(labels)}`;
}

function stopPhrase(reason: Reason): string {
  switch (reason.kind) {
    case 'customer_requested':
      return 'the customer asked for a person';
    case 'bot_failure':
      return reason.attempts
        ? `it could not handle ${reason.attempts} turn${reason.attempts === 1 ? '' : 's'}`
        : 'it could not handle the request';
    case 'planned_escalation':
      return 'it handed over as planned';
    case 'unknown':
      return '';
  }
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
