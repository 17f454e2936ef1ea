import type Database from 'better-sqlite3';
import type { Migration } from './index';

// Frozen here rather than imported, like 008's list: a migration means the same on every database.
const REASON_KINDS = `'customer_requested', 'bot_failure', 'planned_escalation', 'unknown'`;

/** Milliseconds since the epoch of an ISO time, exactly what Date.parse gives for the hub's `at`. */
const ms = (at: string) => `CAST(round(unixepoch(${at}, 'subsec') * 1000) AS INTEGER)`;
const NEW_MS = ms('NEW.at');

/** A JSON string value as text; anything else (missing, a number, an object) as '' (the JS reader's asText). */
const textAt = (json: string, path: string) => `CASE json_type(${json}, '${path}') WHEN 'text' THEN json_extract(${json}, '${path}') ELSE '' END`;

/**
 * Every event after the handoff widens the span of times and queues the row was folded from: a
 * period or a supervisor that sees only part of that span must fold the log instead (see
 * src/hub/metrics/facts-reader.ts), since the row holds the facts of every event.
 */
const TOUCH = `min_at = min(min_at, NEW.at), max_at = max(max_at, NEW.at), other_queue = (other_queue OR NEW.queue IS NOT queue)`;

/** The customer stops waiting (an agent joined, or they left) when `guard` holds: the wait so far is finished. */
const endWait = (guard: string): Record<string, string> => ({
  wait_ms: `wait_ms + CASE WHEN ${guard} AND waiting_since_ms IS NOT NULL THEN ${NEW_MS} - waiting_since_ms ELSE 0 END`,
  has_finished_wait: `(has_finished_wait OR (${guard} AND waiting_since_ms IS NOT NULL))`,
  is_waiting: `CASE WHEN ${guard} AND waiting_since_ms IS NOT NULL THEN 0 ELSE is_waiting END`,
  waiting_since_ms: `CASE WHEN ${guard} THEN NULL ELSE waiting_since_ms END`,
});

/** Appends a value to a JSON array column unless `isThere` (a test over json_each of it) finds it. */
const addOnce = (column: string, isThere: string, value: string) =>
  `CASE WHEN EXISTS (SELECT 1 FROM json_each(${column}) WHERE ${isThere}) THEN ${column} ELSE json_insert(${column}, '$[#]', ${value}) END`;

// Each value read straight from the logged body, as migration 008's `detail` held it.
const STATE = `json_extract(NEW.body, '$.state')`;
const WHY = textAt('NEW.body', '$.owner.why');
const IS_DECLINE = `(NEW.type = 'conversation:state-changed' AND ${STATE} = 'queued' AND substr(${WHY}, 1, 11) = 'declined by')`;
const IS_TIMEOUT = `(NEW.type = 'conversation:state-changed' AND ${STATE} = 'queued' AND ${WHY} = 'the offer timed out')`;
const IS_OLD_RESOLVE = `(NEW.type = 'conversation:state-changed' AND ${STATE} = 'resolved')`;
const IS_OLD_ABANDON = `(NEW.type = 'conversation:state-changed' AND ${STATE} = 'abandoned')`;

const AGENT_ID = textAt('NEW.body', '$.conversation.owner.id');
const REPEAT_AGENT = `json_extract(NEW.body, '$.agentId')`;
const OUTCOME = `CASE WHEN NEW.type = 'offer:ended' THEN json_extract(NEW.body, '$.outcome') WHEN ${IS_DECLINE} THEN 'declined' ELSE 'expired' END`;
const TRANSFER_STATE = `json_extract(NEW.body, '$.conversation.state')`;

/**
 * Per kind of metric event, the columns it changes: each kind the SQL twin of one case of
 * foldConversations (src/hub/metrics/conversation-facts.ts), applied in log order as each event is
 * written. In an UPDATE every right-hand side reads the row as it was, like the fold reading facts
 * before a change. The kinds exclude each other: an event matches one `when` at most.
 */
const FOLDS: { when: string; set: Record<string, string> }[] = [
  { when: `NEW.type = 'conversation:offered'`, set: { offers_made: 'offers_made + 1', open_offers: 'open_offers + 1' } },
  {
    when: `(NEW.type = 'offer:ended' OR ${IS_DECLINE} OR ${IS_TIMEOUT})`,
    // An offer ends once: an older form logged beside the newer one finds no offer left open.
    set: {
      offers_declined: `offers_declined + (open_offers > 0 AND ${OUTCOME} = 'declined')`,
      offers_expired: `offers_expired + (open_offers > 0 AND ${OUTCOME} = 'expired')`,
      offers_withdrawn: `offers_withdrawn + (open_offers > 0 AND ${OUTCOME} = 'withdrawn')`,
      open_offers: 'open_offers - (open_offers > 0)',
    },
  },
  { when: `NEW.type = 'routing:waiting'`, set: { last_waiting_reason: textAt('NEW.body', '$.reason') } },
  {
    when: `NEW.type = 'conversation:assigned'`,
    set: {
      open_offers: '0',
      ...endWait('true'),
      first_assigned_ms: `coalesce(first_assigned_ms, ${NEW_MS})`,
      assignments: 'assignments + 1',
      agents: addOnce('agents', `value ->> 0 = ${AGENT_ID}`, `json_array(${AGENT_ID}, ${textAt('NEW.body', '$.conversation.owner.name')})`),
    },
  },
  {
    when: `NEW.type = 'conversation:transferred'`,
    set: {
      transfers: 'transfers + 1',
      offers_made: `offers_made + (${TRANSFER_STATE} IS 'transferred')`,
      open_offers: `open_offers + (${TRANSFER_STATE} IS 'transferred')`,
      is_waiting: `CASE WHEN ${TRANSFER_STATE} IS NOT 'assigned' AND resolved_ms IS NULL THEN 1 ELSE is_waiting END`,
      waiting_since_ms: `CASE WHEN ${TRANSFER_STATE} IS NOT 'assigned' AND resolved_ms IS NULL THEN ${NEW_MS} ELSE waiting_since_ms END`,
    },
  },
  {
    when: `(NEW.type = 'conversation:resolved' OR ${IS_OLD_RESOLVE})`,
    // A conversation resolves once: the first resolution stands.
    set: {
      disposition: `CASE WHEN resolved_ms IS NULL THEN (CASE WHEN NEW.type = 'conversation:resolved' THEN json_extract(NEW.body, '$.disposition') END) ELSE disposition END`,
      transfers_before_resolution: 'CASE WHEN resolved_ms IS NULL THEN transfers ELSE transfers_before_resolution END',
      resolved_ms: `coalesce(resolved_ms, ${NEW_MS})`,
    },
  },
  {
    when: `(NEW.type = 'conversation:abandoned' OR ${IS_OLD_ABANDON})`,
    // The customer leaves once: a later abandonment changes nothing.
    set: { ...endWait('abandoned_ms IS NULL'), abandoned_ms: `coalesce(abandoned_ms, ${NEW_MS})` },
  },
  {
    when: `NEW.type = 'repeat-ask:recorded'`,
    set: {
      repeat_asks: 'repeat_asks + 1',
      repeat_agents: `CASE WHEN ${REPEAT_AGENT} IS NULL OR ${REPEAT_AGENT} = '' THEN repeat_agents
        ELSE ${addOnce('repeat_agents', `value = ${REPEAT_AGENT}`, REPEAT_AGENT)} END`,
    },
  },
  { when: `NEW.type = 'rating:recorded'`, set: { rating: `json_extract(NEW.body, '$.rating')` } },
];

const FOLDED_COLUMNS = [...new Set(FOLDS.flatMap((fold) => Object.keys(fold.set)))];

/** Each column becomes the value its event's kind gives it, or stays; an event that folds into nothing only widens the span. */
const foldedColumn = (column: string) =>
  `${column} = CASE ${FOLDS.filter((fold) => column in fold.set).map((fold) => `WHEN ${fold.when} THEN ${fold.set[column]}`).join(' ')} ELSE ${column} END`;

/** The event types the figures read (migration 008's list, frozen here for the same reason). */
const METRIC_EVENT_TYPES_SQL = [
  'conversation:queued', 'conversation:offered', 'offer:ended', 'routing:waiting', 'conversation:assigned', 'conversation:transferred',
  'conversation:resolved', 'conversation:abandoned', 'conversation:state-changed', 'repeat-ask:recorded', 'rating:recorded',
].map((type) => `'${type}'`).join(', ');

/** An envelope value of a handoff body, `body` the column or NEW.body. */
const envelopeAt = (body: string, path: string) => `json_extract(${body}, '$.conversation.envelope.${path}')`;

/** Bot turns matter only to tell a direct planned escalation from a bot's: counted only then, else -1. */
const botTurns = (body: string) => `CASE WHEN ${envelopeAt(body, 'reason.kind')} = 'planned_escalation'
  THEN (SELECT count(*) FROM json_each(${body}, '$.conversation.envelope.transcript') WHERE json_extract(value, '$.author') = 'bot')
  ELSE -1 END`;

const envelopeText = (path: string) => textAt('NEW.body', `$.conversation.envelope.${path}`);

/**
 * The triggers on a log table (`events`, or the replay copy that rebuilds the table). One trigger
 * with one UPDATE folds every other event: a trigger's program is set up afresh for every row the
 * hub logs, so its size is paid on every write, and one UPDATE with a CASE per column is the
 * smallest (measured: a trigger per kind, or an UPDATE per kind, cost more per logged row).
 * The handoff starts the row; a second handoff of the same conversation (the hub logs one) is only
 * counted, so a reader knows to fold that conversation from the log.
 */
const triggersOn = (table: string, prefix: string) => `
  CREATE ${prefix}TRIGGER conversation_facts_handoff AFTER INSERT ON ${table} WHEN NEW.type = 'conversation:queued'
  BEGIN
    INSERT INTO conversation_facts (id, queue, intent, channel, reason, is_direct, handed_off_at, handed_off_ms, waiting_since_ms, min_at, max_at)
    SELECT NEW.conversation_id, NEW.queue, intent, channel, reason,
      (platform IS 'direct' OR (reason = 'planned_escalation' AND ${botTurns('NEW.body')} IS 0)), NEW.at, ${NEW_MS}, ${NEW_MS}, NEW.at, NEW.at
    FROM (SELECT
      ${envelopeText('issue.intent')} AS intent,
      ${envelopeText('routing.channel')} AS channel,
      CASE WHEN json_type(NEW.body, '$.conversation.envelope.reason.kind') = 'text' AND ${envelopeAt('NEW.body', 'reason.kind')} IN (${REASON_KINDS})
        THEN ${envelopeAt('NEW.body', 'reason.kind')} ELSE 'unknown' END AS reason,
      ${envelopeAt('NEW.body', 'source.platform')} AS platform)
    WHERE true
    ON CONFLICT (id) DO UPDATE SET extra_handoffs = extra_handoffs + 1, ${TOUCH};
  END;

  CREATE ${prefix}TRIGGER conversation_facts_fold AFTER INSERT ON ${table}
  WHEN NEW.type IN (${METRIC_EVENT_TYPES_SQL}) AND NEW.type IS NOT 'conversation:queued'
  BEGIN
    UPDATE conversation_facts SET ${TOUCH}, ${FOLDED_COLUMNS.map(foldedColumn).join(',\n      ')}
    WHERE id = NEW.conversation_id;
  END;`;

/**
 * Rebuilds the table from the log, which stays the only truth: the metric events are replayed in
 * log order through a temporary copy of the triggers, so the rows come out as the triggers keep them.
 */
export function fillConversationFacts(db: Database.Database): void {
  db.exec(`
    DELETE FROM conversation_facts;
    CREATE TEMP TABLE conversation_facts_replay (seq INTEGER PRIMARY KEY, at TEXT, conversation_id TEXT, type TEXT, queue TEXT, body TEXT);
    ${triggersOn('conversation_facts_replay', 'TEMP ').replace(/TRIGGER conversation_facts_/g, 'TRIGGER conversation_facts_replay_')}
    INSERT INTO temp.conversation_facts_replay (seq, at, conversation_id, type, queue, body)
      SELECT seq, at, conversation_id, type, queue, body FROM events WHERE type IN (${METRIC_EVENT_TYPES_SQL}) ORDER BY seq;
    DROP TABLE temp.conversation_facts_replay;
  `);
}

/**
 * Handoff-quality figures over a month read one row per conversation instead of folding every
 * event of the month in JavaScript: triggers on the log fold each event into its conversation's
 * row as it is written. They replace migration 008's slim copy of the log (metric_events), which
 * cost every write more than this and which nothing reads any more: a reader that must fold from
 * the log reads the few values from the bodies of the few conversations it folds.
 * No column is NOT NULL and nothing here can fail: a trigger that raised would refuse the hub's own write.
 */
export const conversationFacts: Migration = {
  version: 10,
  up(db) {
    db.exec(`
      DROP TRIGGER metric_events_from_log;
      DROP TABLE metric_events;
      CREATE TABLE conversation_facts (
        id TEXT PRIMARY KEY,
        queue TEXT, intent TEXT, channel TEXT, reason TEXT, is_direct INTEGER,
        handed_off_at TEXT, handed_off_ms INTEGER,
        agents TEXT DEFAULT '[]',
        first_assigned_ms INTEGER, assignments INTEGER DEFAULT 0,
        offers_made INTEGER DEFAULT 0, offers_declined INTEGER DEFAULT 0, offers_expired INTEGER DEFAULT 0,
        offers_withdrawn INTEGER DEFAULT 0, open_offers INTEGER DEFAULT 0,
        wait_ms INTEGER DEFAULT 0, has_finished_wait INTEGER DEFAULT 0, is_waiting INTEGER DEFAULT 1,
        waiting_since_ms INTEGER, last_waiting_reason TEXT,
        transfers INTEGER DEFAULT 0, transfers_before_resolution INTEGER,
        resolved_ms INTEGER, disposition TEXT, abandoned_ms INTEGER,
        repeat_asks INTEGER DEFAULT 0, repeat_agents TEXT DEFAULT '[]', rating,
        min_at TEXT, max_at TEXT, other_queue INTEGER DEFAULT 0, extra_handoffs INTEGER DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX conversation_facts_handed_off ON conversation_facts(handed_off_at);
      CREATE INDEX conversation_facts_rehanded ON conversation_facts(id) WHERE extra_handoffs > 0;
      ${triggersOn('events', '')}
    `);
    fillConversationFacts(db);
  },
};
