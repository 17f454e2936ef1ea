import { REASON_KINDS, type Field, type HandoffEnvelope, type ReasonKind } from '../../shared/envelope';
import { customerHints, fieldsFrom } from './fields';
import { clipLong, clipShort } from './normalize';

/**
 * What a bot put in the free-form part of its handoff (Bot Framework `value`, Dialogflow
 * `liveAgentHandoff.metadata`, a Rasa action's extras), read by the key names hubs conventionally
 * agree on. A key of the wrong type is not an error here: the platform allows anything, so it is
 * kept as a field rather than refused.
 */
export interface HandoffContext {
  issue: NonNullable<HandoffEnvelope['issue']>;
  reason?: HandoffEnvelope['reason'];
  summary?: HandoffEnvelope['summary'];
  routing: NonNullable<HandoffEnvelope['routing']>;
  customer: { name?: string; email?: string; phone?: string };
  fields: Field[];
}

const CONSUMED = new Set(['reason', 'reasonkind', 'reason_kind', 'summary', 'title', 'issue', 'topic', 'intent', 'department', 'queue', 'skill', 'skills', 'priority', 'transcript']);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

const lowerKeys = (record: Record<string, unknown>): Map<string, unknown> =>
  new Map(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));

export function readHandoffContext(record: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): HandoffContext {
  const byKey = lowerKeys(record);
  const reasonText = text(byKey.get('reason'));
  const kindText = text(byKey.get('reasonkind')) ?? text(byKey.get('reason_kind')) ?? reasonText;
  const kind: ReasonKind = REASON_KINDS.find((k) => k === kindText) ?? 'unknown';
  const detail = reasonText && reasonText !== kind ? clipLong(reasonText) : undefined;
  const summary = text(byKey.get('summary'));
  const skills = byKey.get('skills') ?? byKey.get('skill');
  const rawPriority = byKey.get('priority');
  const priority =
    typeof rawPriority === 'number' && Number.isInteger(rawPriority) && rawPriority >= 0 && rawPriority <= 9 ? rawPriority : undefined;
  const customer = customerHints(record);
  const consumedCustomerKeys = new Set(
    Object.keys(record).filter((key) => {
      const hint = customerHints({ [key]: record[key] });
      return Boolean(hint.name ?? hint.email ?? hint.phone);
    }),
  );
  const rest = Object.fromEntries(
    Object.entries(record).filter(([key]) => {
      const lower = key.toLowerCase();
      // A priority the envelope cannot hold ("high") still reaches the agent, as a field.
      const isConsumed = CONSUMED.has(lower) && !(lower === 'priority' && priority === undefined);
      return !isConsumed && !consumedCustomerKeys.has(key) && !skip.has(key);
    }),
  );
  return {
    issue: {
      title: optionalShort(byKey.get('title') ?? byKey.get('issue') ?? byKey.get('topic')),
      intent: optionalShort(byKey.get('intent')),
      department: optionalShort(byKey.get('department')),
    },
    reason: kind !== 'unknown' || detail ? { kind, detail, source: 'bot' } : undefined,
    summary: summary ? { text: clipLong(summary), source: 'bot' } : undefined,
    routing: {
      queue: optionalShort(byKey.get('queue')),
      skills: skillList(skills),
      priority,
    },
    customer,
    fields: fieldsFrom(rest),
  };
}

const optionalShort = (value: unknown): string | undefined => {
  const found = text(value);
  return found ? clipShort(found) : undefined;
};

function skillList(value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  const skills = list
    .filter((item): item is string => typeof item === 'string' && item.trim().length > 0)
    .map((item) => item.trim().slice(0, 100))
    .slice(0, 50);
  return skills.length ? skills : undefined;
}
