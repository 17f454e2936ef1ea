import { waitingSinceOf } from '../../../shared/floor-figures';
import type { ConversationListItem } from '../../../shared/ipc';
import { sentimentLabelOf } from '../../../shared/sentiment-label';

export interface RiskReason {
  key: 'sentiment' | 'worsening' | 'repeat-asks' | 'bot-failure' | 'flag' | 'priority';
  label: string;
  points: number;
}

export interface Risk {
  score: number;
  reasons: RiskReason[];
  /** Open flags: a row with any ranks above every row without. */
  flags: number;
  /** Whole minutes waited in the queue so far, or null when someone has the chat. Shown, not scored. */
  waitedMinutes: number | null;
}

/** What the radar's score means, shown beside it and on hover. */
export const RISK_SCORE_DEFINITION =
  'Risk 0–100: how much a chat needs you now, from open flags, negative or worsening sentiment, the customer asked again for what they gave, bot failure and priority. Waiting time is shown but not scored: the Queues panel measures waits. Chats with an open flag come first.';

/**
 * How much a conversation needs a supervisor now, 0–100, with the reasons that add up to it. The
 * weights put a raised flag first (an agent asked for help), then an angry customer getting angrier,
 * then being asked again for what they already gave: what supervisors told us they scan for. A plain
 * wait is not risk (the queue figures cover it), so it is reported apart. Each reason is a chip.
 */
export function riskOf(item: ConversationListItem, now: number): Risk {
  const reasons: RiskReason[] = [];
  const add = (key: RiskReason['key'], label: string, points: number): void => {
    if (points > 0) reasons.push({ key, label, points: Math.round(points) });
  };

  const flags = item.openFlags ?? 0;
  if (flags > 0) add('flag', flags === 1 ? '1 flag' : `${flags} flags`, 30);
  if (item.sentimentScore !== null && sentimentLabelOf(item.sentimentScore) === 'negative') add('sentiment', 'Negative sentiment', Math.min(30, -item.sentimentScore * 30));
  if (item.sentimentTrend === 'worsening') add('worsening', 'Getting worse', 10);
  if ((item.repeatAsks ?? 0) > 0) add('repeat-asks', `Asked again ×${item.repeatAsks}`, Math.min(15, (item.repeatAsks ?? 0) * 5));
  if (item.reasonKind === 'bot_failure') add('bot-failure', 'Bot failed', 5);
  if (item.priority >= 4) add('priority', `Priority ${item.priority}`, (item.priority - 3) * 5);

  const score = Math.min(100, reasons.reduce((sum, reason) => sum + reason.points, 0));
  const since = waitingSinceOf(item);
  const waitedMinutes = since === null ? null : Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  return { score, reasons: reasons.sort((a, b) => b.points - a.points), flags, waitedMinutes };
}

const ACTIVE_STATES = new Set(['queued', 'offered', 'assigned', 'transferred']);
export const isActive = (item: ConversationListItem): boolean => ACTIVE_STATES.has(item.state);

export interface RadarRow {
  item: ConversationListItem;
  risk: Risk;
}

const hasFlag = (row: RadarRow): number => (row.risk.flags > 0 ? 1 : 0);

/**
 * Chats with an open flag first, then riskiest first; ties go to whoever has waited longest, then
 * the oldest. Times are ISO strings of one format, so comparing them as strings compares the times.
 */
export const compareRisk = (a: RadarRow, b: RadarRow): number =>
  hasFlag(b) - hasFlag(a) ||
  b.risk.score - a.risk.score ||
  (b.risk.waitedMinutes ?? -1) - (a.risk.waitedMinutes ?? -1) ||
  (a.item.createdAt < b.item.createdAt ? -1 : a.item.createdAt > b.item.createdAt ? 1 : 0);

/** Every active conversation, riskiest first; equal rows keep the order they are given in. */
export function rankByRisk(items: readonly ConversationListItem[], now: number): RadarRow[] {
  return items
    .filter(isActive)
    .map((item) => ({ item, risk: riskOf(item, now) }))
    .sort(compareRisk);
}
