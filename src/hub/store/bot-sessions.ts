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

const INSERT = `INSERT INTO bot_session_reports (integration_id, report_id, at, intent, channel, contained, received_at)
  VALUES (@integrationId, @reportId, @at, @intent, @channel, @contained, @receivedAt) ON CONFLICT DO NOTHING`;
const SUM = `SELECT sum(contained) AS n FROM bot_session_reports
  WHERE at >= @from AND at < @to
    AND (CAST(@integrationId AS TEXT) IS NULL OR integration_id = @integrationId)
    AND (CAST(@intent AS TEXT) IS NULL OR intent = @intent)
    AND (CAST(@channel AS TEXT) IS NULL OR channel = @channel)`;

/**
 * Contained bot sessions: the denominator of the handoff rate (handoffs / (handoffs + contained)).
 * Summed by the time the bot says the sessions happened, not when the report arrived.
 */
export function createBotSessionRepository(db: HubDatabase) {
  return {
    /** False when this report id was already recorded for the integration (a retry). */
    async record(report: BotSessionReport): Promise<boolean> {
      return (await db.run(INSERT, { ...report })).changes === 1;
    },
    /** Contained sessions in [from, to), optionally for one integration, intent or channel. */
    async countBetween(from: Date | string, to: Date | string, filters: BotSessionFilters = {}): Promise<number> {
      const iso = (value: Date | string) => (typeof value === 'string' ? new Date(value).toISOString() : value.toISOString());
      const row = await db.get<{ n: number | null }>(SUM, {
        from: iso(from),
        to: iso(to),
        integrationId: filters.integrationId ?? null,
        intent: filters.intent ?? null,
        channel: filters.channel ?? null,
      });
      return row?.n ?? 0;
    },
  };
}

export type BotSessionRepository = ReturnType<typeof createBotSessionRepository>;
