import secureJson from 'secure-json-parse';
import { envelopeSchema, type HandoffEnvelope } from '../../shared/envelope';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../shared/json-bounds';
import { storableJson } from '../../shared/json-storable';
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

/**
 * `prepareEnvelope` of the body as sent: the JSON is parsed here too, so that a worker does it, by
 * secure-json-parse as Fastify's own parser does (an own `__proto__` or a `constructor.prototype`, at
 * any depth, escaped or not, refuses the whole body as a prototype-pollution attempt). A U+0000 or an
 * unpaired surrogate becomes U+FFFD (see storableJson): the handoff goes through, the same on both stores.
 */
export function prepareEnvelopeText(text: string): PreparedEnvelope {
  if (nestsDeeperThan(text)) return { ok: false, problems: [{ path: '', message: `nests deeper than ${MAX_JSON_DEPTH} levels (free-form "extra" included)` }] };
  let body: unknown;
  try {
    body = secureJson.parse(storableJson(text));
  } catch {
    return { ok: false, isInvalidJson: true };
  }
  return prepareEnvelope(body);
}
