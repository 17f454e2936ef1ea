import { ADAPTER_PENDING_DDL } from '../../adapters';
import type { Migration } from './index';

/** Transcripts that platforms send piecemeal (Chatwoot, Botpress) wait here until the handoff. */
export const adapterPending: Migration = {
  version: 2,
  up(db) {
    db.exec(ADAPTER_PENDING_DDL);
  },
};
