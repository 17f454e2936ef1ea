import { ENVELOPE_LIMITS, type Turn } from '../../shared/envelope';
import type { PendingTranscripts } from './types';

export interface PrunablePendingTranscripts extends PendingTranscripts {
  /** Forgets conversations untouched since `before` (ones that never reached a handoff). Returns how many. */
  prune(before: Date): Promise<number>;
}

interface Entry {
  turns: Turn[];
  ids: Set<string>;
  meta: Record<string, unknown>;
  touched: number;
}

/** Pending transcripts in one process's memory, for adapter unit tests; same rules as the store's. */
export function createMemoryPendingTranscripts(now: () => Date = () => new Date()): PrunablePendingTranscripts {
  const entries = new Map<string, Entry>();
  const entry = (key: string): Entry => {
    let found = entries.get(key);
    if (!found) {
      found = { turns: [], ids: new Set(), meta: {}, touched: 0 };
      entries.set(key, found);
    }
    found.touched = now().getTime();
    return found;
  };
  const merge = (target: Entry, meta: Record<string, unknown>) => {
    // Spread defines keys as own data properties, so a key named __proto__ stays a plain key.
    target.meta = { ...target.meta, ...structuredClone(meta) };
  };
  return {
    async append(key, turn, meta) {
      const target = entry(key);
      if (meta) merge(target, meta);
      if (target.ids.has(turn.id)) return;
      target.ids.add(turn.id);
      target.turns.push(structuredClone(turn));
      if (target.turns.length > ENVELOPE_LIMITS.maxTurns) target.ids.delete(target.turns.shift()!.id);
    },
    async remember(key, meta) {
      merge(entry(key), meta);
    },
    async read(key) {
      const found = entries.get(key);
      return found ? { turns: structuredClone(found.turns), meta: structuredClone(found.meta) } : { turns: [], meta: {} };
    },
    async clear(key) {
      entries.delete(key);
    },
    async prune(before) {
      let count = 0;
      for (const [key, found] of entries) {
        if (found.touched < before.getTime()) {
          entries.delete(key);
          count += 1;
        }
      }
      return count;
    },
  };
}
