import type { Migration } from './types';

/**
 * Offers make a sound unless the agent turns it off: a silent offer on a busy floor is a missed
 * customer. The preferences row exists from migration 002 on, so the new default is this update.
 */
export const offerSoundOn: Migration = {
  version: 10,
  up(db) {
    db.exec('UPDATE preferences SET sound = 1 WHERE id = 1');
  },
};
