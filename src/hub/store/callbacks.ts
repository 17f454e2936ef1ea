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
}

export interface CallbackDelivery {
  id: string;
  integrationId: string;
  conversationId: string;
  callback: BotCallback;
  attempts: number;
}

interface DeliveryRow {
  id: string;
  integration_id: string;
  conversation_id: string;
  body: string;
  attempts: number;
}

/** Event types a callback can come from; the rest of the log is skipped by the query. */
export const CALLBACK_EVENT_TYPES = ['conversation:assigned', 'routing:waiting', 'conversation:abandoned', 'conversation:resolved'] as const;

const CURSOR = 'bot-callbacks';

/**
 * Bumped by every change of a callback URL on a database, whichever repository made it (the admin
 * route has its own): the dispatcher's memory of which integrations have a URL is read again after.
 */
const urlGenerations = new WeakMap<HubDatabase, number>();

/** The callback outbox and its cursor over the event log. */
export function createCallbackRepository(db: HubDatabase) {
  const types = CALLBACK_EVENT_TYPES.map((type) => `'${type}'`).join(', ');
  const statements = {
    cursor: db.prepare<[string], number>('SELECT seq FROM callback_cursor WHERE name = ?').pluck(),
    saveCursor: db.prepare(
      'INSERT INTO callback_cursor (name, seq) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET seq = excluded.seq',
    ),
    eventsAfter: db.prepare<[number, number], CallbackSourceEvent>(
      `SELECT e.seq, e.at, e.type, e.body, e.conversation_id AS conversationId, c.integration_id AS integrationId,
              c.envelope_id AS envelopeId, i.callback_url AS callbackUrl
       FROM events e JOIN conversations c ON c.id = e.conversation_id LEFT JOIN integrations i ON i.id = c.integration_id
       WHERE e.seq > ? AND e.type IN (${types}) ORDER BY e.seq LIMIT ?`,
    ),
    headSeq: db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM events').pluck(),
    latestWaitingReason: db.prepare<[string, number], string>(
      `SELECT json_extract(body, '$.reason') FROM events
       WHERE conversation_id = ? AND type = 'routing:waiting' AND seq < ? ORDER BY seq DESC LIMIT 1`,
    ).pluck(),
    insert: db.prepare(
      `INSERT OR IGNORE INTO callback_deliveries (id, integration_id, conversation_id, body, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    due: db.prepare<[string, number], DeliveryRow>(
      `SELECT id, integration_id, conversation_id, body, attempts FROM callback_deliveries
       WHERE delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, rowid LIMIT ?`,
    ),
    nextDue: db.prepare<[], string | null>(
      'SELECT min(next_attempt_at) FROM callback_deliveries WHERE delivered_at IS NULL AND given_up_at IS NULL',
    ).pluck(),
    delivered: db.prepare('UPDATE callback_deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?'),
    failed: db.prepare('UPDATE callback_deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?'),
    gaveUp: db.prepare('UPDATE callback_deliveries SET attempts = attempts + 1, given_up_at = ?, last_error = ? WHERE id = ?'),
    byId: db.prepare<[string], DeliveryRow & { delivered_at: string | null; given_up_at: string | null; last_error: string | null }>(
      'SELECT * FROM callback_deliveries WHERE id = ?',
    ),
    callbackUrl: db.prepare<[string], string | null>('SELECT callback_url FROM integrations WHERE id = ?').pluck(),
    setCallbackUrl: db.prepare('UPDATE integrations SET callback_url = ? WHERE id = ?'),
    withCallbackUrl: db.prepare<[], string>('SELECT id FROM integrations WHERE callback_url IS NOT NULL').pluck(),
    integrationOf: db.prepare<[string], string>('SELECT integration_id FROM conversations WHERE id = ?').pluck(),
  };
  let urls: { generation: number; ids: ReadonlySet<string> } | null = null;
  const toDelivery = (row: DeliveryRow): CallbackDelivery => ({
    id: row.id,
    integrationId: row.integration_id,
    conversationId: row.conversation_id,
    callback: JSON.parse(row.body) as BotCallback,
    attempts: row.attempts,
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
    /** Queues a callback; its id is stable per event, so deriving twice queues it once. */
    enqueue(id: string, integrationId: string, callback: BotCallback, at: string): void {
      statements.insert.run(id, integrationId, callback.conversationId, JSON.stringify(callback), at, at);
    },
    due: (now: string, limit: number): CallbackDelivery[] => statements.due.all(now, limit).map(toDelivery),
    nextDueAt: (): string | null => statements.nextDue.get() ?? null,
    markDelivered: (id: string, at: string): void => void statements.delivered.run(at, id),
    markFailed: (id: string, nextAttemptAt: string, error: string): void => void statements.failed.run(nextAttemptAt, error.slice(0, 500), id),
    markGivenUp: (id: string, at: string, error: string): void => void statements.gaveUp.run(at, error.slice(0, 500), id),
    status(id: string): { attempts: number; deliveredAt: string | null; givenUpAt: string | null; lastError: string | null } | null {
      const row = statements.byId.get(id);
      return row ? { attempts: row.attempts, deliveredAt: row.delivered_at, givenUpAt: row.given_up_at, lastError: row.last_error } : null;
    },
    callbackUrl: (integrationId: string): string | null => statements.callbackUrl.get(integrationId) ?? null,
    /** Integrations with a callback URL; read once per change of any URL, not per call. */
    integrationsWithUrl(): ReadonlySet<string> {
      const generation = urlGenerations.get(db) ?? 0;
      if (urls?.generation !== generation) urls = { generation, ids: new Set(statements.withCallbackUrl.all()) };
      return urls.ids;
    },
    /** The integration a conversation came from, or null when there is no such conversation. */
    integrationOf: (conversationId: string): string | null => statements.integrationOf.get(conversationId) ?? null,
    /** Where the hub POSTs this integration's callbacks; null stops them. http(s) only. */
    setCallbackUrl(integrationId: string, url: string | null): void {
      if (url !== null) {
        const protocol = new URL(url).protocol;
        if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`A callback URL must be http(s), not ${protocol}`);
      }
      statements.setCallbackUrl.run(url, integrationId);
      urlGenerations.set(db, (urlGenerations.get(db) ?? 0) + 1);
    },
  };
}

export type CallbackRepository = ReturnType<typeof createCallbackRepository>;
