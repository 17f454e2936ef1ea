import type { Migration } from './index';

/**
 * The kernel folds conversation_facts as it logs each event, in TypeScript
 * (src/hub/store/conversation-facts.ts): one fold for every store, so migration 010's triggers go.
 * Rows already folded stay as they are, so conversations logged in older event forms (a decline or
 * a resolution told only by a state change) keep the figures those triggers gave them.
 */
export const factsFoldedByKernel: Migration = {
  version: 15,
  up(db) {
    db.exec(`
      DROP TRIGGER IF EXISTS conversation_facts_handoff;
      DROP TRIGGER IF EXISTS conversation_facts_fold;
    `);
  },
};
