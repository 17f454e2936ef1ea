import type { HubDatabase } from '../store/database';

interface Query {
  from: string;
  to: string;
  intent?: string;
  channel?: string;
}

// One statement, so the "has any bot ever reported" test and the count read the same moment.
const CONTAINED = `
  SELECT
    (SELECT count(*) FROM bot_session_reports) AS reports,
    (SELECT sum(contained) FROM bot_session_reports
     WHERE at >= @from AND at < @to
       AND (CAST(@intent AS TEXT) IS NULL OR intent = CAST(@intent AS TEXT))
       AND (CAST(@channel AS TEXT) IS NULL OR channel = CAST(@channel AS TEXT))) AS contained`;

/**
 * Contained bot sessions from the reports bots send to POST /v1/bot-sessions, or null when no bot
 * has ever reported (the handoff rate is then unknown, not 100 %). Queue and agent filters have no
 * meaning for sessions that never reached a queue, so they do not narrow the count.
 */
export function createContainedSessionReader(db: HubDatabase) {
  return async (query: Query): Promise<number | null> => {
    const row = await db.get<{ reports: number; contained: number | null }>(CONTAINED, {
      from: query.from,
      to: query.to,
      intent: query.intent ?? null,
      channel: query.channel ?? null,
    });
    if (!row || row.reports === 0) return null;
    return row.contained ?? 0;
  };
}
