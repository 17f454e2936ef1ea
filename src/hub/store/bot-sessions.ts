import type { HubDatabase } from './database';

/** One report from a bot: how many sessions it handled alone for an intent and channel. */
export interface BotSessionReport {
  integrationId: string;
  /** The report's idempotency key: the same report sent twice is counted once. */
  reportId: string;
  /** The moment the count covers (ISO 8601); reports are summed by it. */
  at: string;
  intent: string | null;
  channel: string | null;
  contained: number;
  receivedAt: string;
}

export interface BotSessionFilters {
  integrationId?: string;
  intent?: string;
  channel?: string;
}

/**
 * Contained bot sessions: the denominator of the handoff rate (handoffs / (handoffs + contained)).
 * Summed by the time the bot says the sessions happened, not when the report arrived.
 */
export function createBotSessionRepository(db: HubDatabase) {
  const statements = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO bot_session_reports (integration_id, report_id, at, intent, channel, contained, received_at)
       VALUES (@integrationId, @reportId, @at, @intent, @channel, @contained, @receivedAt)`,
    ),
    sum: db.prepare<{ from: string; to: string; integrationId: string | null; intent: string | null; channel: string | null }, { n: number | null }>(
      `SELECT sum(contained) AS n FROM bot_session_reports
       WHERE at >= @from AND at < @to
         AND (@integrationId IS NULL OR integration_id = @integrationId)
         AND (@intent IS NULL OR intent = @intent)
         AND (@channel IS NULL OR channel = @channel)`,
    ),
  };
  return {
    /** False when this report id was already recorded for the integration (a retry). */
    record(report: BotSessionReport): boolean {
      return statements.insert.run(report).changes === 1;
    },
    /** Contained sessions in [from, to), optionally for one integration, intent or channel. */
    countBetween(from: Date | string, to: Date | string, filters: BotSessionFilters = {}): number {
      const iso = (value: Date | string) => (typeof value === 'string' ? new Date(value).toISOString() : value.toISOString());
      return (
        statements.sum.get({
          from: iso(from),
          to: iso(to),
          integrationId: filters.integrationId ?? null,
          intent: filters.intent ?? null,
          channel: filters.channel ?? null,
        })?.n ?? 0
      );
    },
  };
}

export type BotSessionRepository = ReturnType<typeof createBotSessionRepository>;
