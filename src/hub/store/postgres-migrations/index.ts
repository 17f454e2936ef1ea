import { baseline } from './001-baseline';
import { insertionOrder } from './002-insertion-order';
import { floorCounters } from './003-floor-counters';
import { floorPresence } from './004-floor-presence';
import type { PostgresMigration } from './migration';

export type { PostgresMigration } from './migration';

/** PostgreSQL's schema steps: 1 stands for SQLite's 1–17; each later one is the twin of one SQLite step. */
export const postgresMigrations: PostgresMigration[] = [baseline, insertionOrder, floorCounters, floorPresence];
