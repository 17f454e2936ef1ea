import type { ConversationListItem } from '../../../shared/ipc';
import { compareRisk, isActive, riskOf, type RadarRow } from './risk';

/** A ranked row and where its conversation first appeared in the list, which breaks full ties as `rankByRisk`'s stable sort does. */
interface Entry {
  row: RadarRow;
  order: number;
}

const compareEntries = (a: Entry, b: Entry): number => compareRisk(a.row, b.row) || a.order - b.order;

/**
 * The escalation radar's ranking, kept sorted as conversations change instead of re-sorted from
 * scratch: a change scores that one conversation, takes its old row out by binary search and puts
 * the new one in its place. The rows equal `rankByRisk` over the same list at the same `now`.
 *
 * What depends on the clock (waiting minutes) is as of when each row was last scored;
 * `rescore` brings every row to one `now`, which the console does on a slow timer.
 */
export function createRadarRanking() {
  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();

  /** Index of the first entry not before `entry`. */
  const lowerBound = (entry: Entry): number => {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const current = entries[middle];
      if (current && compareEntries(current, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  const remove = (entry: Entry): void => {
    // Entries are totally ordered (order is unique), so the bound is the entry itself.
    const at = lowerBound(entry);
    if (entries[at] === entry) entries.splice(at, 1);
    else entries.splice(entries.indexOf(entry), 1);
  };

  return {
    /**
     * Puts conversation `id` where its risk at `now` ranks it; no item, or one no longer active,
     * takes it off. `order` is its position in the conversation list.
     */
    set(id: string, item: ConversationListItem | undefined, order: number, now: number): void {
      const previous = byId.get(id);
      if (previous) {
        remove(previous);
        byId.delete(id);
      }
      if (!item || !isActive(item)) return;
      const entry: Entry = { row: { item, risk: riskOf(item, now) }, order };
      entries.splice(lowerBound(entry), 0, entry);
      byId.set(id, entry);
    },

    /** Scores every row again at `now`; a row whose risk did not move keeps its object, so its view need not re-render. */
    rescore(now: number): void {
      for (const entry of entries) {
        const risk = riskOf(entry.row.item, now);
        const isSame =
          risk.score === entry.row.risk.score &&
          risk.waitedMinutes === entry.row.risk.waitedMinutes &&
          risk.reasons.length === entry.row.risk.reasons.length &&
          risk.reasons.every((reason, k) => reason.label === entry.row.risk.reasons[k]?.label && reason.points === entry.row.risk.reasons[k]?.points);
        if (!isSame) entry.row = { item: entry.row.item, risk };
      }
      entries.sort(compareEntries);
    },

    /** The rows, riskiest first: a fresh array, so a view can tell one ranking from the next. */
    rows(): RadarRow[] {
      return entries.map((entry) => entry.row);
    },

    get size(): number {
      return entries.length;
    },
  };
}

export type RadarRanking = ReturnType<typeof createRadarRanking>;
