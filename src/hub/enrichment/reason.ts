import type { HandoffEnvelope, Reason, Turn } from '../../shared/envelope';
import { isFallback, announcesTransfer } from './bot-failure';
import { asksForHuman } from './human-request';
import { isBot, isCustomer, scanText } from './turns';

/** Evidence lists stay short enough for a card; the schema allows at most 100 ids. */
const MAX_EVIDENCE = 20;

/**
 * Why the bot handed over, read from the transcript. A customer asking for a person is the
 * reason even when the bot had also failed (it is what triggered the handoff; `attempts` keeps
 * the failures). A bot that announced a transfer with neither is a planned escalation, as is a
 * bot that set its own flag in `extra`. Anything else is `unknown`: no guessing.
 */
export function deriveReason(envelope: HandoffEnvelope): Reason {
  const { transcript } = envelope;
  const requests = transcript.filter((turn) => isCustomer(turn) && asksForHuman(scanText(turn)));
  const failures = transcript.filter((turn) => isBot(turn) && isFallback(scanText(turn)));
  const attempts = failures.length;

  if (requests.length > 0) {
    const failedNote = attempts > 0 ? ` after ${plural(attempts, 'turn')} the bot could not handle` : '';
    return {
      kind: 'customer_requested',
      detail: `Customer asked for a person${requests.length > 1 ? ` ${requests.length} times` : ''}${failedNote}.`,
      evidenceTurnIds: ids(transcript, [...requests, ...failures]),
      attempts,
      source: 'derived',
    };
  }
  if (attempts > 0) {
    return {
      kind: 'bot_failure',
      detail: `The bot could not handle ${plural(attempts, 'customer turn')}.`,
      evidenceTurnIds: ids(transcript, failures),
      attempts,
      source: 'derived',
    };
  }
  if (hasPlannedFlag(envelope.extra)) {
    return { kind: 'planned_escalation', detail: 'The bot flagged this handoff as planned.', source: 'derived' };
  }
  const transfer = [...transcript].reverse().find((turn) => isBot(turn) && announcesTransfer(scanText(turn)));
  if (transfer) {
    return {
      kind: 'planned_escalation',
      detail: 'The bot transferred the customer without being asked and without failing.',
      evidenceTurnIds: [transfer.id],
      attempts: 0,
      source: 'derived',
    };
  }
  return { kind: 'unknown', source: 'derived' };
}

// Flags bots are seen to set on a deliberate handoff; adapters copy platform extras here as given.
function hasPlannedFlag(extra: HandoffEnvelope['extra']): boolean {
  if (!extra) return false;
  return (
    extra.plannedEscalation === true ||
    extra.planned === true ||
    extra.escalation === 'planned' ||
    extra.handoffType === 'planned'
  );
}

/** The ids of the evidence turns, in transcript order, each once, capped for the card. */
function ids(transcript: readonly Turn[], evidence: readonly Turn[]): string[] {
  const wanted = new Set(evidence);
  const inOrder = transcript.filter((turn) => wanted.has(turn)).map((turn) => turn.id);
  return [...new Set(inOrder)].slice(0, MAX_EVIDENCE);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
