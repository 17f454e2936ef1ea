import { envelopeSchema, type HandoffEnvelope } from '../../shared/envelope';
import { parseWith, type FieldProblem } from '../../shared/validation';
import { enrich } from '../enrichment';

/** A handoff body checked against the envelope schema and, when valid, enriched: what ingest stores. */
export type PreparedEnvelope =
  | { ok: true; envelope: HandoffEnvelope; isEnriched: boolean }
  | { ok: false; problems: FieldProblem[] }
  | { ok: false; isInvalidJson: true };

/**
 * Validation and enrichment of one handoff body, the request's CPU-heavy part, in one pure function
 * so that it can run on a worker thread and, word for word, on the request thread when no worker
 * can. Enrichment is best effort: a transcript that makes an extractor throw still hands off, with
 * what the bot gave (`isEnriched: false`), since a customer must never be lost to a derived summary.
 */
export function prepareEnvelope(body: unknown, enrichWith: (envelope: HandoffEnvelope) => HandoffEnvelope = enrich): PreparedEnvelope {
  const parsed = parseWith(envelopeSchema, body);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  try {
    return { ok: true, envelope: enrichWith(parsed.value), isEnriched: true };
  } catch {
    return { ok: true, envelope: parsed.value, isEnriched: false };
  }
}

/** `prepareEnvelope` of the body as sent: the JSON is parsed here too, so that a worker does it. */
export function prepareEnvelopeText(text: string): PreparedEnvelope {
  let body: unknown;
  try {
    // A reviver makes JSON.parse several times slower: only a text that could spell one of the
    // refused keys (plainly or with \u escapes) pays for it, as in Fastify's own parser.
    body = MAY_HOLD_PROTOTYPE_KEY.test(text) ? JSON.parse(text, refusePrototypeKeys) : JSON.parse(text);
  } catch {
    return { ok: false, isInvalidJson: true };
  }
  return prepareEnvelope(body);
}

const MAY_HOLD_PROTOTYPE_KEY = /proto|constructor|\\u/i;

/**
 * The keys Fastify's JSON parser refuses (its secure-json-parse, 'error' for both): an own
 * `__proto__`, or a `constructor` carrying a `prototype`, is a prototype-pollution attempt and the
 * whole body is refused, whatever depth it is at (JSON.parse hands the reviver every key, escaped
 * spellings decoded).
 */
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('Object contains forbidden prototype property');
  if (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype')) {
    throw new SyntaxError('Object contains forbidden prototype property');
  }
  return value;
}
