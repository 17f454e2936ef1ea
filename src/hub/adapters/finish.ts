import { ENVELOPE_LIMITS, envelopeSchema, type HandoffEnvelope, type Turn } from '../../shared/envelope';
import { storableJson } from '../../shared/json-storable';
import { parseWith, type FieldProblem } from '../../shared/validation';
import type { AdapterOutcome } from './types';

/**
 * The last check before an envelope leaves an adapter: it must pass the same schema as the generic
 * endpoint, so downstream code never meets an envelope no bot could have sent.
 */
export function finish(draft: HandoffEnvelope, pendingKeys?: string[]): AdapterOutcome {
  const transcript = keepLatest(draft.transcript);
  // A JSON round trip drops the `undefined` of every optional part the platform did not fill, and
  // turns what PostgreSQL cannot store into U+FFFD as the generic endpoint does (storableJson).
  const fields = draft.fields?.length ? draft.fields : undefined;
  const parsed = parseWith(envelopeSchema, JSON.parse(storableJson(JSON.stringify({ ...draft, fields, transcript }))));
  if (!parsed.ok) {
    return { kind: 'invalid', problems: parsed.problems.map((p) => ({ path: `(envelope) ${p.path}`, message: p.message })) };
  }
  return pendingKeys?.length ? { kind: 'handoff', envelope: parsed.value, pendingKeys } : { kind: 'handoff', envelope: parsed.value };
}

/** A conversation longer than the envelope holds keeps its latest turns: they explain the handoff. */
function keepLatest(turns: Turn[]): Turn[] {
  return turns.length <= ENVELOPE_LIMITS.maxTurns ? turns : turns.slice(-ENVELOPE_LIMITS.maxTurns);
}

/** Orders turns by time; turns at the same moment keep the order the platform gave. */
export const byTime = (turns: Turn[]): Turn[] =>
  turns
    .map((turn, index) => ({ turn, index, time: Date.parse(turn.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ turn }) => turn);

export const invalid = (problems: FieldProblem[]): AdapterOutcome => ({ kind: 'invalid', problems });
export const ignored = (detail: string): AdapterOutcome => ({ kind: 'ignored', detail });
