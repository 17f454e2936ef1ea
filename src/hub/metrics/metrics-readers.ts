import type { HubDatabase } from '../store/database';
import { createRepeatAskRepository } from '../store/repeat-asks';
import { createHandoffQuality } from './handoff-quality';
import { createJourneyEventReader } from './journey';

/** What the metrics routes read, prepared once over the hub's database. */
export const createMetricsReaders = (db: HubDatabase) => ({
  repeatAsks: createRepeatAskRepository(db),
  quality: createHandoffQuality(db),
  journeyEvents: createJourneyEventReader(db),
});

export type MetricsReaders = ReturnType<typeof createMetricsReaders>;
