import type { HubDatabase } from '../store/database';

interface Query {
  from: string;
  to: string;
  intent?: string;
  channel?: string;
}

/**
 * Contained bot sessions from the reports bots send to POST /v1/bot-sessions, or null when no bot
 * has ever reported (the handoff rate is then unknown, not 100 %). Queue and agent filters have no
 * meaning for sessions that never reached a queue, so they do not narrow the count.
 */
export function createContainedSessionReader(db: HubDatabase) {
  const hasTable = () =>
    db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'bot_session_reports'").get()?.n === 1;
  return (query: Query): number | null => {
    if (!hasTable()) return null;
    const row = db
      .prepare<Record<string, string | null>, { contained: number | null }>(
        `SELECT sum(contained) AS contained FROM bot_session_reports
         WHERE at >= @from AND at < @to AND (@intent IS NULL OR intent = @intent) AND (@channel IS NULL OR channel = @channel)`,
      )
      .get({ from: query.from, to: query.to, intent: query.intent ?? null, channel: query.channel ?? null });
    const anyEver = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM bot_session_reports').get()?.n ?? 0;
    if (anyEver === 0) return null;
    return row?.contained ?? 0;
  };
}
