/**
 * Speed machinery the hub can run without: each is on by default, and `npm run bench` turns one
 * off at a time to measure what it buys (docs/decisions/).
 */
export interface HubMachinery {
  /** Handoffs are parsed, validated and enriched on worker threads rather than the request thread. */
  enrichmentWorkers: boolean;
}

export const DEFAULT_MACHINERY: HubMachinery = { enrichmentWorkers: true };

export const machineryOf = (options: Partial<HubMachinery> | undefined): HubMachinery => ({ ...DEFAULT_MACHINERY, ...options });
