import type { BotCallback } from '../../shared/protocol';
import type { HubDatabase } from './database';
import { jsonText } from './sql/dialect';
import type { SqlDialect } from './sql/sql';

/** An event that may become a callback, with what the callback needs of its conversation. */
export interface CallbackSourceEvent {
  seq: number;
  at: string;
  type: string;
  body: string;
  conversationId: string;
  integrationId: string;
  envelopeId: string;
  callbackUrl: string | null;
  channelPlatform: string | null;
}

export interface CallbackDelivery {
  id: string;
  integrationId: string;
  conversationId: string;
  callback: BotCallback;
  attempts: number;
  /** The message this item carries to the channel, whose delivery state it sets. */
  messageId: string | null;
}

interface DeliveryRow {
  id: string;
  integration_id: string;
  conversation_id: string;
  body: string;
  attempts: number;
  message_id: string | null;
}

/** Event types a callback can come from; the rest of the log is skipped by the query. */
export const CALLBACK_EVENT_TYPES = [
  'conversation:assigned',
  'routing:waiting',
  'conversation:abandoned',
  'conversation:resolved',
  'message:added',
  'conversation:transferred',
] as const;

const CURSOR = 'bot-callbacks';
const TYPES = CALLBACK_EVENT_TYPES.map((type) => `'${type}'`).join(', ');

/** Not delivered and not given up: what still holds back the later items of its conversation. */
const PENDING = 'delivered_at IS NULL AND given_up_at IS NULL';
/** Only the oldest pending item of each conversation may go: a later one waits for it. */
const IS_HEAD = `NOT EXISTS (SELECT 1 FROM callback_deliveries e WHERE e.conversation_id = d.conversation_id AND e.position < d.position
  AND e.delivered_at IS NULL AND e.given_up_at IS NULL)`;

const GET_CURSOR = 'SELECT seq FROM callback_cursor WHERE name = ?';
const SAVE_CURSOR = 'INSERT INTO callback_cursor (name, seq) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET seq = excluded.seq';
const EVENTS_AFTER = `SELECT e.seq, e.at, e.type, e.body, e.conversation_id AS conversation_id, c.integration_id AS integration_id,
    c.envelope_id AS envelope_id, i.callback_url AS callback_url, i.channel_platform AS channel_platform
  FROM events e JOIN conversations c ON c.id = e.conversation_id LEFT JOIN integrations i ON i.id = c.integration_id
  WHERE e.seq > ? AND e.type IN (${TYPES}) ORDER BY e.seq LIMIT ?`;
const HEAD_SEQ = 'SELECT coalesce(max(seq), 0) AS seq FROM events';
const latestWaitingReasonText = (dialect: SqlDialect) => `SELECT ${jsonText(dialect, 'body', ['reason'])} AS reason FROM events
  WHERE conversation_id = ? AND type = 'routing:waiting' AND seq < ? ORDER BY seq DESC LIMIT 1`;
// position: the outbox's write order (see migration 018), taken under the store's single writer.
const INSERT = `INSERT INTO callback_deliveries (id, integration_id, conversation_id, body, next_attempt_at, created_at, message_id, position)
  SELECT @id, @integrationId, @conversationId, @body, @at, @at, @messageId, coalesce(max(position), 0) + 1 FROM callback_deliveries WHERE true
  ON CONFLICT DO NOTHING`;
const DUE = `SELECT id, integration_id, conversation_id, body, attempts, message_id FROM callback_deliveries d
  WHERE ${PENDING} AND next_attempt_at <= ? AND ${IS_HEAD} ORDER BY next_attempt_at, position LIMIT ?`;
const NEXT_DUE = `SELECT min(next_attempt_at) AS at FROM callback_deliveries d WHERE ${PENDING} AND ${IS_HEAD}`;
const DELIVERED = 'UPDATE callback_deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = NULL, platform_message_id = ? WHERE id = ?';
const FAILED = 'UPDATE callback_deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?';
const GAVE_UP = 'UPDATE callback_deliveries SET attempts = attempts + 1, given_up_at = ?, last_error = ? WHERE id = ?';
const BRING_FORWARD = `UPDATE callback_deliveries SET next_attempt_at = ? WHERE conversation_id = ? AND ${PENDING} AND next_attempt_at > ?`;
const BY_ID = 'SELECT attempts, delivered_at, given_up_at, last_error FROM callback_deliveries WHERE id = ?';
const CALLBACK_URL = 'SELECT callback_url FROM integrations WHERE id = ?';
const SET_CALLBACK_URL = 'UPDATE integrations SET callback_url = ? WHERE id = ?';

interface SourceRow {
  seq: number;
  at: string;
  type: string;
  body: string;
  conversation_id: string;
  integration_id: string;
  envelope_id: string;
  callback_url: string | null;
  channel_platform: string | null;
}

const toSource = (row: SourceRow): CallbackSourceEvent => ({
  seq: row.seq,
  at: row.at,
  type: row.type,
  body: row.body,
  conversationId: row.conversation_id,
  integrationId: row.integration_id,
  envelopeId: row.envelope_id,
  callbackUrl: row.callback_url,
  channelPlatform: row.channel_platform,
});

const toDelivery = (row: DeliveryRow): CallbackDelivery => ({
  id: row.id,
  integrationId: row.integration_id,
  conversationId: row.conversation_id,
  callback: JSON.parse(row.body) as BotCallback,
  attempts: row.attempts,
  messageId: row.message_id,
});

/** The channel outbox (status callbacks and outgoing messages) and its cursor over the event log. */
export function createCallbackRepository(db: HubDatabase) {
  const latestWaitingReason = latestWaitingReasonText(db.dialect);
  return {
    cursor: async (): Promise<number> => (await db.get<{ seq: number }>(GET_CURSOR, [CURSOR]))?.seq ?? 0,
    saveCursor: async (seq: number): Promise<void> => void (await db.run(SAVE_CURSOR, [CURSOR, seq])),
    eventsAfter: async (seq: number, limit: number): Promise<CallbackSourceEvent[]> =>
      (await db.all<SourceRow>(EVENTS_AFTER, [seq, limit])).map(toSource),
    /** The last seq in the log: everything up to it has been looked at once a scan ends short. */
    headSeq: async (): Promise<number> => (await db.get<{ seq: number }>(HEAD_SEQ))?.seq ?? 0,
    /** Why routing last said the conversation had to wait, before `beforeSeq`: the reason a failure is reported with. */
    latestWaitingReason: async (conversationId: string, beforeSeq: number): Promise<string | null> =>
      (await db.get<{ reason: string | null }>(latestWaitingReason, [conversationId, beforeSeq]))?.reason ?? null,
    /** Queues a callback; its id is stable per event, so deriving twice queues it once. False when it was queued already. */
    async enqueue(id: string, integrationId: string, callback: BotCallback, at: string): Promise<boolean> {
      const messageId = callback.type === 'message' ? callback.messageId : null;
      const params = { id, integrationId, conversationId: callback.conversationId, body: JSON.stringify(callback), at, messageId };
      return (await db.write(() => db.run(INSERT, params))).changes === 1;
    },
    /** Due items, at most one per conversation: the oldest it has not delivered nor given up. */
    due: async (now: string, limit: number): Promise<CallbackDelivery[]> => (await db.all<DeliveryRow>(DUE, [now, limit])).map(toDelivery),
    /** When the next item that may go is due (items waiting behind an earlier one of their conversation do not count). */
    nextDueAt: async (): Promise<string | null> => (await db.get<{ at: string | null }>(NEXT_DUE))?.at ?? null,
    markDelivered: async (id: string, at: string, platformMessageId: string | null = null): Promise<void> =>
      void (await db.run(DELIVERED, [at, platformMessageId, id])),
    markFailed: async (id: string, nextAttemptAt: string, error: string): Promise<void> =>
      void (await db.run(FAILED, [nextAttemptAt, error.slice(0, 500), id])),
    markGivenUp: async (id: string, at: string, error: string): Promise<void> => void (await db.run(GAVE_UP, [at, error.slice(0, 500), id])),
    /** The conversation's waiting items become due at `now` (its channel is back); how many were waiting. */
    bringForward: async (conversationId: string, now: string): Promise<number> => (await db.run(BRING_FORWARD, [now, conversationId, now])).changes,
    async status(id: string): Promise<{ attempts: number; deliveredAt: string | null; givenUpAt: string | null; lastError: string | null } | null> {
      const row = await db.get<{ attempts: number; delivered_at: string | null; given_up_at: string | null; last_error: string | null }>(BY_ID, [id]);
      return row ? { attempts: row.attempts, deliveredAt: row.delivered_at, givenUpAt: row.given_up_at, lastError: row.last_error } : null;
    },
    callbackUrl: async (integrationId: string): Promise<string | null> =>
      (await db.get<{ callback_url: string | null }>(CALLBACK_URL, [integrationId]))?.callback_url ?? null,
    /** Where the hub POSTs this integration's callbacks; null stops them. http(s) only. */
    async setCallbackUrl(integrationId: string, url: string | null): Promise<void> {
      if (url !== null) {
        const protocol = new URL(url).protocol;
        if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`A callback URL must be http(s), not ${protocol}`);
      }
      await db.run(SET_CALLBACK_URL, [url, integrationId]);
    },
  };
}

export type CallbackRepository = ReturnType<typeof createCallbackRepository>;
