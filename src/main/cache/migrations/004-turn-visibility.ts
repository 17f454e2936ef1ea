import type { Migration } from './types';

/**
 * `turns.visibility`: 'staff' for a supervisor's whisper (shown to the agent and supervisors,
 * marked as a whisper), NULL for a turn everyone in the chat sees. Without it a whisper read back
 * from the cache looked like any other supervisor message. Older rows stay NULL: the hub never
 * sent a whisper before this existed.
 */
export const turnVisibility: Migration = {
  version: 4,
  up(db) {
    db.exec(`ALTER TABLE turns ADD COLUMN visibility TEXT CHECK (visibility IN ('staff'))`);
  },
};
