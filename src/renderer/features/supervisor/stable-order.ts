import type { RadarRow } from './risk';

/**
 * The rows in the order last shown, each with its latest figures: rows still there keep their
 * place, rows gone are dropped, new rows come at the end. Used while the pointer or focus is on the
 * radar, so the row being aimed at does not move away.
 */
export function keepOrder(shown: readonly string[], latest: readonly RadarRow[]): RadarRow[] {
  const byId = new Map(latest.map((row) => [row.item.id, row]));
  const kept = shown.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
  const shownIds = new Set(shown);
  return [...kept, ...latest.filter((row) => !shownIds.has(row.item.id))];
}
