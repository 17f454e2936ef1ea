/**
 * Speed machinery the hub can run without: each is on by default, and `npm run bench` turns one
 * off at a time to measure what it buys (docs/decisions/).
 */
export interface HubMachinery {
  /** Handoffs are parsed, validated and enriched on worker threads rather than the request thread. */
  enrichmentWorkers: boolean;
  /** Routing reads agents' loads from an in-memory tally rather than a grouped query. */
  agentLoadsInMemory: boolean;
  /** The channel outbox passes events that make no item in memory rather than by a scan of the log. */
  callbackCursorInMemory: boolean;
}

export const DEFAULT_MACHINERY: HubMachinery = { enrichmentWorkers: true, agentLoadsInMemory: true, callbackCursorInMemory: true };

export const machineryOf = (options: Partial<HubMachinery> | undefined): HubMachinery => ({ ...DEFAULT_MACHINERY, ...options });
