import type { ConversationListItem } from '../../../shared/ipc';
import { sentimentLabelOf } from '../../../shared/sentiment-label';

export interface RiskReason {
  key: 'sentiment' | 'worsening' | 'wait' | 'repeat-asks' | 'bot-failure' | 'flag' | 'priority';
  label: string;
  points: number;
}

export interface Risk {
  score: number;
  reasons: RiskReason[];
}

const WAITING_STATES = new Set(['queued', 'offered', 'transferred']);

/**
 * How much a conversation needs a supervisor now, 0–100, with the reasons that add up to it. The
 * weights put a raised flag first (an agent asked for help), then an angry customer getting angrier,
 * then a long wait and being asked again for what they already gave: what supervisors told us they
 * scan for. Each reason is shown as a chip, so the rank is never a mystery number.
 */
export function riskOf(item: ConversationListItem, now: number): Risk {
  const reasons: RiskReason[] = [];
  const add = (key: RiskReason['key'], label: string, points: number): void => {
    if (points > 0) reasons.push({ key, label, points: Math.round(points) });
  };

  if ((item.openFlags ?? 0) > 0) add('flag', 'Flag raised', 30);
  if (item.sentimentScore !== null && sentimentLabelOf(item.sentimentScore) === 'negative') add('sentiment', 'Negative sentiment', Math.min(20, -item.sentimentScore * 20));
  if (item.sentimentTrend === 'worsening') add('worsening', 'Getting worse', 10);
  const waitedMinutes = WAITING_STATES.has(item.state) ? (now - Date.parse(item.createdAt)) / 60_000 : 0;
  if (waitedMinutes >= 1) add('wait', `Waiting ${Math.floor(waitedMinutes)} min`, Math.min(20, waitedMinutes * 2));
  if ((item.repeatAsks ?? 0) > 0) add('repeat-asks', `Asked again ×${item.repeatAsks}`, Math.min(15, (item.repeatAsks ?? 0) * 5));
  if (item.reasonKind === 'bot_failure') add('bot-failure', 'Bot failed', 5);
  if (item.priority >= 4) add('priority', `Priority ${item.priority}`, (item.priority - 3) * 5);

  const score = Math.min(100, reasons.reduce((sum, reason) => sum + reason.points, 0));
  return { score, reasons: reasons.sort((a, b) => b.points - a.points) };
}

const ACTIVE_STATES = new Set(['queued', 'offered', 'assigned', 'transferred']);
export const isActive = (item: ConversationListItem): boolean => ACTIVE_STATES.has(item.state);

export interface RadarRow {
  item: ConversationListItem;
  risk: Risk;
}

/**
 * Riskiest first; ties go to whoever has waited longest. Arrival times are ISO strings of one
 * format, so comparing them as strings is comparing the times, and much cheaper than localeCompare.
 */
export const compareRisk = (a: RadarRow, b: RadarRow): number =>
  b.risk.score - a.risk.score || (a.item.createdAt < b.item.createdAt ? -1 : a.item.createdAt > b.item.createdAt ? 1 : 0);

/** Every active conversation, riskiest first; equal rows keep the order they are given in. */
export function rankByRisk(items: readonly ConversationListItem[], now: number): RadarRow[] {
  return items
    .filter(isActive)
    .map((item) => ({ item, risk: riskOf(item, now) }))
    .sort(compareRisk);
}
