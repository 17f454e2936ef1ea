import type { BotCallback } from '../../shared/protocol';
import type { HubDatabase } from './database';

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

/** Not delivered and not given up: what still holds back the later items of its conversation. */
const PENDING = 'delivered_at IS NULL AND given_up_at IS NULL';
/** Only the oldest pending item of each conversation may go: a later one waits for it. */
const IS_HEAD = `NOT EXISTS (SELECT 1 FROM callback_deliveries e WHERE e.conversation_id = d.conversation_id AND e.rowid < d.rowid
  AND e.delivered_at IS NULL AND e.given_up_at IS NULL)`;

/** The channel outbox (status callbacks and outgoing messages) and its cursor over the event log. */
export function createCallbackRepository(db: HubDatabase) {
  const types = CALLBACK_EVENT_TYPES.map((type) => `'${type}'`).join(', ');
  const statements = {
    cursor: db.prepare<[string], number>('SELECT seq FROM callback_cursor WHERE name = ?').pluck(),
    saveCursor: db.prepare(
      'INSERT INTO callback_cursor (name, seq) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET seq = excluded.seq',
    ),
    eventsAfter: db.prepare<[number, number], CallbackSourceEvent>(
      `SELECT e.seq, e.at, e.type, e.body, e.conversation_id AS conversationId, c.integration_id AS integrationId,
              c.envelope_id AS envelopeId, i.callback_url AS callbackUrl, i.channel_platform AS channelPlatform
       FROM events e JOIN conversations c ON c.id = e.conversation_id LEFT JOIN integrations i ON i.id = c.integration_id
       WHERE e.seq > ? AND e.type IN (${types}) ORDER BY e.seq LIMIT ?`,
    ),
    headSeq: db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM events').pluck(),
    latestWaitingReason: db.prepare<[string, number], string>(
      `SELECT json_extract(body, '$.reason') FROM events
       WHERE conversation_id = ? AND type = 'routing:waiting' AND seq < ? ORDER BY seq DESC LIMIT 1`,
    ).pluck(),
    insert: db.prepare(
      `INSERT OR IGNORE INTO callback_deliveries (id, integration_id, conversation_id, body, next_attempt_at, created_at, message_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    due: db.prepare<[string, number], DeliveryRow>(
      `SELECT id, integration_id, conversation_id, body, attempts, message_id FROM callback_deliveries d
       WHERE ${PENDING} AND next_attempt_at <= ? AND ${IS_HEAD} ORDER BY next_attempt_at, rowid LIMIT ?`,
    ),
    nextDue: db.prepare<[], string | null>(`SELECT min(next_attempt_at) FROM callback_deliveries d WHERE ${PENDING} AND ${IS_HEAD}`).pluck(),
    delivered: db.prepare(
      'UPDATE callback_deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = NULL, platform_message_id = ? WHERE id = ?',
    ),
    failed: db.prepare('UPDATE callback_deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?'),
    gaveUp: db.prepare('UPDATE callback_deliveries SET attempts = attempts + 1, given_up_at = ?, last_error = ? WHERE id = ?'),
    bringForward: db.prepare(`UPDATE callback_deliveries SET next_attempt_at = ? WHERE conversation_id = ? AND ${PENDING} AND next_attempt_at > ?`),
    byId: db.prepare<[string], DeliveryRow & { delivered_at: string | null; given_up_at: string | null; last_error: string | null }>(
      'SELECT * FROM callback_deliveries WHERE id = ?',
    ),
    callbackUrl: db.prepare<[string], string | null>('SELECT callback_url FROM integrations WHERE id = ?').pluck(),
    setCallbackUrl: db.prepare('UPDATE integrations SET callback_url = ? WHERE id = ?'),
  };
  const toDelivery = (row: DeliveryRow): CallbackDelivery => ({
    id: row.id,
    integrationId: row.integration_id,
    conversationId: row.conversation_id,
    callback: JSON.parse(row.body) as BotCallback,
    attempts: row.attempts,
    messageId: row.message_id,
  });

  return {
    cursor: (): number => statements.cursor.get(CURSOR) ?? 0,
    saveCursor: (seq: number): void => void statements.saveCursor.run(CURSOR, seq),
    eventsAfter: (seq: number, limit: number): CallbackSourceEvent[] => statements.eventsAfter.all(seq, limit),
    /** The last seq in the log: everything up to it has been looked at once a scan ends short. */
    headSeq: (): number => statements.headSeq.get() ?? 0,
    /** Why routing last said the conversation had to wait, before `beforeSeq`: the reason a failure is reported with. */
    latestWaitingReason: (conversationId: string, beforeSeq: number): string | null =>
      statements.latestWaitingReason.get(conversationId, beforeSeq) ?? null,
    /** Queues a callback; its id is stable per event, so deriving twice queues it once. False when it was queued already. */
    enqueue(id: string, integrationId: string, callback: BotCallback, at: string): boolean {
      const messageId = callback.type === 'message' ? callback.messageId : null;
      return statements.insert.run(id, integrationId, callback.conversationId, JSON.stringify(callback), at, at, messageId).changes === 1;
    },
    /** Due items, at most one per conversation: the oldest it has not delivered nor given up. */
    due: (now: string, limit: number): CallbackDelivery[] => statements.due.all(now, limit).map(toDelivery),
    /** When the next item that may go is due (items waiting behind an earlier one of their conversation do not count). */
    nextDueAt: (): string | null => statements.nextDue.get() ?? null,
    markDelivered: (id: string, at: string, platformMessageId: string | null = null): void =>
      void statements.delivered.run(at, platformMessageId, id),
    markFailed: (id: string, nextAttemptAt: string, error: string): void => void statements.failed.run(nextAttemptAt, error.slice(0, 500), id),
    markGivenUp: (id: string, at: string, error: string): void => void statements.gaveUp.run(at, error.slice(0, 500), id),
    /** The conversation's waiting items become due at `now` (its channel is back); how many were waiting. */
    bringForward: (conversationId: string, now: string): number => statements.bringForward.run(now, conversationId, now).changes,
    status(id: string): { attempts: number; deliveredAt: string | null; givenUpAt: string | null; lastError: string | null } | null {
      const row = statements.byId.get(id);
      return row ? { attempts: row.attempts, deliveredAt: row.delivered_at, givenUpAt: row.given_up_at, lastError: row.last_error } : null;
    },
    callbackUrl: (integrationId: string): string | null => statements.callbackUrl.get(integrationId) ?? null,
    /** Where the hub POSTs this integration's callbacks; null stops them. http(s) only. */
    setCallbackUrl(integrationId: string, url: string | null): void {
      if (url !== null) {
        const protocol = new URL(url).protocol;
        if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`A callback URL must be http(s), not ${protocol}`);
      }
      statements.setCallbackUrl.run(url, integrationId);
    },
  };
}

export type CallbackRepository = ReturnType<typeof createCallbackRepository>;
