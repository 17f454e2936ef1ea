/**
 * The SQL that reduces a logged event to the few values the figures read, for the readers that fold
 * from the log (event-reader.ts). Migration 010 keeps its own frozen copy for its triggers: a
 * migration's SQL never changes after it ships, this may.
 */

export const METRIC_EVENT_TYPES_SQL = [
  'conversation:queued', 'conversation:offered', 'offer:ended', 'routing:waiting', 'conversation:assigned', 'conversation:transferred',
  'conversation:resolved', 'conversation:abandoned', 'conversation:state-changed', 'repeat-ask:recorded', 'rating:recorded',
].map((type) => `'${type}'`).join(', ');

/** An envelope value of a handoff body, `body` the column or NEW.body. */
const envelopeAt = (body: string, path: string) => `json_extract(${body}, '$.conversation.envelope.${path}')`;

/** Bot turns matter only to tell a direct planned escalation from a bot's: counted only then, else -1. */
const botTurns = (body: string) => `CASE WHEN ${envelopeAt(body, 'reason.kind')} = 'planned_escalation'
  THEN (SELECT count(*) FROM json_each(${body}, '$.conversation.envelope.transcript') WHERE json_extract(value, '$.author') = 'bot')
  ELSE -1 END`;

export const metricDetailSql = (type: string, body: string) => `CASE ${type}
  WHEN 'conversation:queued' THEN json_array(${envelopeAt(body, 'issue.intent')}, ${envelopeAt(body, 'routing.channel')},
    ${envelopeAt(body, 'reason.kind')}, ${envelopeAt(body, 'source.platform')}, ${botTurns(body)})
  WHEN 'conversation:offered' THEN json_extract(${body}, '$.offer.agentId')
  WHEN 'conversation:assigned' THEN json_extract(${body}, '$.conversation.owner.id', '$.conversation.owner.name')
  WHEN 'conversation:transferred' THEN json_extract(${body}, '$.conversation.state')
  WHEN 'conversation:state-changed' THEN json_extract(${body}, '$.state', '$.owner.why')
  ELSE ${body} END`;
